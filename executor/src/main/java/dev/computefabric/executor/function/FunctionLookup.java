package dev.computefabric.executor.function;

import java.util.List;
import java.util.Optional;

/** Where a node finds the function a call names. */
public interface FunctionLookup {

    Optional<FabricFunction> find(String name);

    /** Every function offered now, sorted. */
    List<String> names();

    /**
     * Why {@code name} is known but not offered here (an interpreter is missing, inline code is off), for the
     * caller's {@code FunctionNotFound} message; empty when the name means nothing to this node.
     */
    default Optional<String> unavailableReason(String name) {
        return Optional.empty();
    }
}
