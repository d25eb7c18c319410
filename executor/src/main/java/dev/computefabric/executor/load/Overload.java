package dev.computefabric.executor.load;

import java.util.Optional;

/**
 * Decides from a {@link HostReading} whether the host is overloaded. Pure: readings come in, a reason (or
 * none) comes out, so the thresholds are tested without a busy machine.
 */
public final class Overload {

    private final LoadLimits limits;

    public Overload(LoadLimits limits) {
        this.limits = limits;
    }

    /** Why the node must not take a call now, or empty when it may. Unknown readings never block. */
    public Optional<String> check(HostReading reading) {
        if (limits.maxLoadPerCore() > 0 && reading.loadAverage() >= 0 && reading.cores() > 0) {
            double perCore = reading.loadAverage() / reading.cores();
            if (perCore > limits.maxLoadPerCore()) {
                return Optional.of(String.format("load %.2f per core is above %.2f", perCore, limits.maxLoadPerCore()));
            }
        }
        if (limits.minFreeMemory() > 0 && reading.freeMemoryBytes() >= 0 && reading.totalMemoryBytes() > 0) {
            double free = (double) reading.freeMemoryBytes() / reading.totalMemoryBytes();
            if (free < limits.minFreeMemory()) {
                return Optional.of(String.format(
                        "%.1f%% of memory available, below %.1f%%", free * 100, limits.minFreeMemory() * 100));
            }
        }
        return Optional.empty();
    }
}
