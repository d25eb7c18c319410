package dev.computefabric.observability.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}: {@code 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>}).
 * Parsed leniently in what it ignores (future versions' extra fields) and strictly in what it keeps: an all-zero
 * id is invalid, as the recommendation says, and such a header is treated as absent.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context</a>
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The header's name, on HTTP requests and on Kafka records alike. */
    public static final String HEADER = "traceparent";

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern FLAGS = Pattern.compile("[0-9a-f]{2}");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_SPAN_ID = "0".repeat(16);
    /** Sampled: a trace the gateway starts is one the operator asked for by turning the exporter on. */
    private static final String SAMPLED = "01";

    private static final SecureRandom RANDOM = new SecureRandom();

    public TraceParent {
        if (traceId == null || !TRACE_ID.matcher(traceId).matches() || traceId.equals(INVALID_TRACE_ID)) {
            throw new IllegalArgumentException("trace id must be 32 lowercase hex digits, not all zero: " + traceId);
        }
        if (spanId == null || !SPAN_ID.matcher(spanId).matches() || spanId.equals(INVALID_SPAN_ID)) {
            throw new IllegalArgumentException("span id must be 16 lowercase hex digits, not all zero: " + spanId);
        }
        if (flags == null || !FLAGS.matcher(flags).matches()) {
            throw new IllegalArgumentException("trace flags must be 2 lowercase hex digits: " + flags);
        }
    }

    /** The context a header carries, or empty when there is none or it is malformed (then a new trace starts). */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("-");
        // Version ff is forbidden; a higher version may append fields, which we ignore.
        if (parts.length < 4
                || parts[0].length() != 2
                || parts[0].equals("ff")
                || (parts[0].equals("00") && parts.length != 4)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TraceParent(parts[1], parts[2], parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A new trace, for a call that came without one. */
    public static TraceParent start() {
        return new TraceParent(randomHex(16, INVALID_TRACE_ID), randomHex(8, INVALID_SPAN_ID), SAMPLED);
    }

    /** The same trace with {@code spanId} as the parent of what comes next. */
    public TraceParent withSpan(String spanId) {
        return new TraceParent(traceId, spanId, flags);
    }

    public boolean sampled() {
        return (HexFormat.fromHexDigits(flags) & 1) == 1;
    }

    /** The header's value. */
    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes, String invalid) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(random);
            hex = HexFormat.of().formatHex(random);
        } while (hex.equals(invalid));
        return hex;
    }
}
