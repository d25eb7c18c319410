package dev.computefabric.gateway.security;

import java.util.Set;

/**
 * Cross-site request forgery: a request authenticated by the session cookie that changes something must carry
 * {@value #NAME}. A page of another origin cannot send a custom header without a CORS preflight, which this gateway
 * never answers; forms and plain links cannot send one at all. {@code SameSite=Strict} alone is not enough: another
 * port or subdomain of the same host is the same site, and its pages would send the cookie.
 */
final class ConsoleHeader {

    static final String NAME = "X-Fabric-Console";
    static final String REFUSED = "console_header_missing";
    static final String REFUSAL = "a request signed in by the console's cookie that changes something must carry the"
            + " header " + NAME + ": 1 (the console sends it; pages of other sites cannot). Programs send"
            + " Authorization: Bearer <token> instead of the cookie";

    /** Methods that only read: the rule lets them through without the header. */
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private ConsoleHeader() {}

    /** Whether a request authenticated by the cookie may go on: it only reads, or it carries the header. */
    static boolean permits(String method, String headerValue) {
        return READS.contains(method) || (headerValue != null && !headerValue.isBlank());
    }
}
