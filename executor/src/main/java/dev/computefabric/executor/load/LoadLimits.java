package dev.computefabric.executor.load;

/**
 * When the host counts as overloaded, so the node stops taking calls and leaves them to others.
 *
 * @param maxLoadPerCore   system load average (1 min) divided by the cores above which no call is taken;
 *                         0 turns the CPU check off
 * @param minFreeMemory    fraction (0..1) of physical memory that must stay available; 0 turns it off
 */
public record LoadLimits(double maxLoadPerCore, double minFreeMemory) {

    /**
     * Off by default: the embedded fabric alone (broker, router, gateway, executors) ran at a load of 3.25 per
     * core on a 2-core machine, so any fixed limit would stop a local fabric. Set it on shared hosts (e.g. 2.0).
     */
    public static final double DEFAULT_MAX_LOAD_PER_CORE = 0;

    public static final double DEFAULT_MIN_FREE_MEMORY = 0.05;

    public LoadLimits {
        if (!(maxLoadPerCore >= 0)) {
            throw new IllegalArgumentException("maxLoadPerCore must be >= 0 (0 = off), got " + maxLoadPerCore);
        }
        if (!(minFreeMemory >= 0 && minFreeMemory < 1)) {
            throw new IllegalArgumentException("minFreeMemory must be in [0, 1) (0 = off), got " + minFreeMemory);
        }
    }

    public static LoadLimits defaults() {
        return new LoadLimits(DEFAULT_MAX_LOAD_PER_CORE, DEFAULT_MIN_FREE_MEMORY);
    }

    public static LoadLimits off() {
        return new LoadLimits(0, 0);
    }
}
