package dev.computefabric.observability.tracing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context ({@code traceparent}: {@code 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>}).
 * Parsed leniently in what it ignores (future versions' extra fields) and strictly in what it keeps: an all-zero
 * id is invalid, as the recommendation says, and such a header is treated as absent. Every call's hops parse, check
 * and start these, so neither regular expressions nor a secure random source are used: ids need to be unique, not
 * secret (OpenTelemetry's own generator uses {@link ThreadLocalRandom} too).
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context</a>
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The header's name, on HTTP requests and on Kafka records alike. */
    public static final String HEADER = "traceparent";

    private static final HexFormat HEX = HexFormat.of();
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_SPAN_ID = "0".repeat(16);
    /** Sampled: a trace the gateway starts is one the operator asked for by turning the exporter on. */
    private static final String SAMPLED = "01";

    public TraceParent {
        if (traceId == null || !isLowerHex(traceId, 32) || traceId.equals(INVALID_TRACE_ID)) {
            throw new IllegalArgumentException("trace id must be 32 lowercase hex digits, not all zero: " + traceId);
        }
        if (spanId == null || !isLowerHex(spanId, 16) || spanId.equals(INVALID_SPAN_ID)) {
            throw new IllegalArgumentException("span id must be 16 lowercase hex digits, not all zero: " + spanId);
        }
        if (flags == null || !isLowerHex(flags, 2)) {
            throw new IllegalArgumentException("trace flags must be 2 lowercase hex digits: " + flags);
        }
    }

    /** The context a header carries, or empty when there is none or it is malformed (then a new trace starts). */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        List<String> parts = fields(header.trim());
        // Version ff is forbidden; a higher version may append fields, which we ignore.
        if (parts.size() < 4
                || parts.get(0).length() != 2
                || parts.get(0).equals("ff")
                || (parts.get(0).equals("00") && parts.size() != 4)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TraceParent(parts.get(1), parts.get(2), parts.get(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A new trace, for a call that came without one. */
    public static TraceParent start() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        long span;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        do {
            span = random.nextLong();
        } while (span == 0);
        return new TraceParent(HEX.toHexDigits(high) + HEX.toHexDigits(low), HEX.toHexDigits(span), SAMPLED);
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

    /** The header's dash-separated fields, empty ones included. */
    private static List<String> fields(String header) {
        List<String> fields = new ArrayList<>(4);
        int start = 0;
        for (int dash = header.indexOf('-'); dash >= 0; dash = header.indexOf('-', start)) {
            fields.add(header.substring(start, dash));
            start = dash + 1;
        }
        fields.add(header.substring(start));
        return fields;
    }

    private static boolean isLowerHex(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
