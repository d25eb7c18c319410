package dev.computefabric.executor.load;

/**
 * One look at the host.
 *
 * @param loadAverage     1-minute system load average, negative when the platform has none
 * @param cores           processors available
 * @param freeMemoryBytes physical memory available (free plus reclaimable), negative when unknown
 * @param totalMemoryBytes physical memory, negative when unknown
 */
public record HostReading(double loadAverage, int cores, long freeMemoryBytes, long totalMemoryBytes) {}
