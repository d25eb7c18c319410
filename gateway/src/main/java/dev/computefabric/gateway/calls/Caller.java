package dev.computefabric.gateway.calls;

import java.util.Objects;
import java.util.Set;

/**
 * Who sends a request: the authenticated principal and its groups. A gateway without authentication has none,
 * and its calls carry no caller.
 *
 * @param name   the principal, e.g. {@code alice}; goes into {@code FuncCall.caller}
 * @param groups the groups the credential names, e.g. {@code analysts}
 */
public record Caller(String name, Set<String> groups) {

    /** The request attribute under which authentication leaves the caller. */
    public static final String ATTRIBUTE = "dev.computefabric.gateway.calls.Caller";

    public Caller {
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(groups);
    }
}
