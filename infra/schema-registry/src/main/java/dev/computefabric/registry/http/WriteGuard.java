package dev.computefabric.registry.http;

import dev.computefabric.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change the registry: every request but a read ({@code GET}, {@code HEAD}) must carry HTTP Basic credentials
 * of a known user, as Confluent clients send them ({@code basic.auth.credentials.source=USER_INFO}). Reads stay open:
 * a schema is not a secret, and a consumer that can read a record from Kafka may read its schema. Two POSTs are
 * answered to anyone, because they change nothing: looking a schema up under a subject, and registering a schema that
 * is already under its subject (what every Confluent serializer does on first use; the {@code 401} comes when it would
 * add a schema). A compatibility check counts as a write.
 */
public final class WriteGuard {

    public static final String REALM = "fabric-schema-registry";
    /** Confluent's error code for a request without valid credentials. */
    static final int UNAUTHORIZED = 401;

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String BASIC = "Basic ";

    private final Map<String, byte[]> passwords;

    private WriteGuard(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /** Every request allowed: the registry of a plaintext fabric. */
    public static WriteGuard open() {
        return new WriteGuard(null);
    }

    /** Writes only with the password of one of {@code users} (name to password). */
    public static WriteGuard users(Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a guarded registry needs at least one user");
        }
        Map<String, byte[]> passwords = new HashMap<>();
        users.forEach((user, password) -> passwords.put(user, password.getBytes(StandardCharsets.UTF_8)));
        return new WriteGuard(Map.copyOf(passwords));
    }

    /** The refusal for this request, or empty if it may go on. */
    Optional<Response> check(String method, String authorization) {
        if (passwords == null || READS.contains(method) || authenticated(authorization)) {
            return Optional.empty();
        }
        return Optional.of(new Response(
                UNAUTHORIZED,
                Json.error(
                        UNAUTHORIZED,
                        "this registry accepts " + method + " only with HTTP Basic credentials of a fabric user")));
    }

    /** The refusal of a reader's request that would change something, with why. */
    static RegistryException unauthorized(String method, String why) {
        return new RegistryException(
                UNAUTHORIZED,
                UNAUTHORIZED,
                why + "; this registry accepts such a " + method
                        + " only with HTTP Basic credentials of a fabric user");
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.startsWith(BASIC)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        byte[] expected = passwords.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // Constant time: how long a refusal takes must not tell how much of a password was right.
        return expected != null && MessageDigest.isEqual(expected, given);
    }
}
