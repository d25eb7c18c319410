package dev.computefabric.gateway.console;

import dev.computefabric.avro.CallState;
import dev.computefabric.gateway.calls.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which calls a client asks for: states, function, node (executor) and caller, each optional and matched
 * exactly; a page of at most {@code limit} rows after {@code cursor}, newest first.
 *
 * @param states empty for every state
 * @param after  the position after which the page starts, or null for the newest call
 */
public record CallQuery(Set<CallState> states, String function, String node, String caller, Position after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    public CallQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(states);
        function = blankToNull(function);
        node = blankToNull(node);
        caller = blankToNull(caller);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Every call, first page. */
    public static CallQuery all() {
        return new CallQuery(Set.of(), null, null, null, null, DEFAULT_LIMIT);
    }

    /**
     * From request parameters: {@code state} comma-separated ({@code RUNNING,FAILED}), {@code cursor} as a page's
     * {@code next} gave it.
     */
    public static CallQuery parse(
            String state, String function, String node, String caller, String cursor, Integer limit) {
        return new CallQuery(
                states(state),
                function,
                node,
                caller,
                cursor == null || cursor.isBlank() ? null : Position.decode(cursor),
                limit == null ? DEFAULT_LIMIT : limit);
    }

    public boolean matches(CallRow row) {
        return row != null
                && (states.isEmpty() || states.contains(row.state()))
                && (function == null || function.equals(row.function()))
                && (node == null || node.equals(row.executorId()))
                && (caller == null || caller.equals(row.caller()));
    }

    public CallQuery after(Position position) {
        return new CallQuery(states, function, node, caller, position, limit);
    }

    private static Set<CallState> states(String names) {
        if (names == null || names.isBlank()) {
            return Set.of();
        }
        Set<CallState> states = EnumSet.noneOf(CallState.class);
        for (String name : names.split(",")) {
            try {
                states.add(CallState.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("state must be one or more of " + EnumSet.allOf(CallState.class)
                        + ", comma-separated; got '" + name.strip() + "'");
            }
        }
        return states;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A place in the newest-first order: submission time, then call id. Opaque to clients (base64url), so that
     * the order's parts can change without breaking their code.
     */
    public record Position(Instant submittedAt, String callId) implements Comparable<Position> {

        @Override
        public int compareTo(Position other) {
            int byTime = other.submittedAt.compareTo(submittedAt);
            return byTime != 0 ? byTime : callId.compareTo(other.callId);
        }

        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((submittedAt.toEpochMilli() + ":" + callId).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Position(
                        Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new InvalidRequestException("cursor is not one this gateway gave out: '" + cursor + "'");
            }
        }

        static Position of(CallRow row) {
            return new Position(row.submittedAt(), row.callId());
        }
    }
}
