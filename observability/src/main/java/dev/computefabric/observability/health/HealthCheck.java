package dev.computefabric.observability.health;

import java.util.Optional;

/** One condition a component needs: empty when it holds, else what is wrong, in words an operator can act on. */
@FunctionalInterface
public interface HealthCheck {

    Optional<String> problem();

    /** A check that holds while {@code condition} is true, else reports {@code problem}. */
    static HealthCheck of(java.util.function.BooleanSupplier condition, String problem) {
        return () -> condition.getAsBoolean() ? Optional.empty() : Optional.of(problem);
    }
}
