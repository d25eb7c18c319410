package dev.computefabric.schemas;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} of {@code POST /v1/calls}: a client that sends the same key again (a retry after a
 * timeout, a 503 or a broken connection) gets the call it submitted the first time, never a second call. The key
 * decides the call id, so any gateway, and the client itself, can tell which call a key stands for.
 */
public final class IdempotencyKeys {

    /** The request header that carries the key. */
    public static final String HEADER = "Idempotency-Key";

    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {}

    /**
     * Why {@code key} cannot be an idempotency key, or null when it can: 1 to {@value #MAX_LENGTH} visible ASCII
     * characters.
     */
    public static String problem(String key) {
        if (key == null || key.isEmpty()) {
            return "an " + HEADER + " must not be empty";
        }
        if (key.length() > MAX_LENGTH) {
            return "an " + HEADER + " has at most " + MAX_LENGTH + " characters, this one " + key.length();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "an " + HEADER + " is visible ASCII (no spaces or control characters); character " + (i + 1)
                        + " is not";
            }
        }
        return null;
    }

    /**
     * The id of the pipeline {@code principal} (null: none) submitted with {@code key} to {@code POST /v1/pipelines}:
     * like {@link #callId(String, String)}, in a namespace of its own, so a key used for a call and for a pipeline
     * names two different things.
     */
    public static String pipelineId(String key, String principal) {
        return callId("pipeline:" + key, principal);
    }

    /** The id of the call submitted with {@code key}: a name-based UUID of the key, the same everywhere. */
    public static String callId(String key) {
        return callId(key, null);
    }

    /**
     * The id of the call {@code principal} submitted with {@code key} (null principal: a gateway without
     * authentication, {@link #callId(String)}). Keys are the caller's own: the same key from another principal
     * names another call, so nobody reaches a call of someone else's by sending its key.
     */
    public static String callId(String key, String principal) {
        String problem = problem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String name = principal == null ? HEADER + ":" + key : HEADER + ":" + principal + ":" + key;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
