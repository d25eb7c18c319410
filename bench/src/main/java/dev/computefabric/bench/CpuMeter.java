package dev.computefabric.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time the fabric's processes (and this bench) spend, read from the OS per process, added up over the
 * measured blocks only. Divided by the calls, it is each component's CPU cost per call: on two shared
 * cores, the budget every call draws from.
 */
final class CpuMeter {

    static final String BENCH = "bench";

    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    private final Map<String, Duration> spent = new LinkedHashMap<>();
    private Map<String, Duration> started;

    /** @param pids component name → process id; this JVM is added as {@value #BENCH} */
    CpuMeter(Map<String, Long> pids) {
        pids.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(handle -> processes.put(name, handle)));
        processes.put(BENCH, ProcessHandle.current());
    }

    static CpuMeter none() {
        return new CpuMeter(Map.of());
    }

    void start() {
        started = read();
    }

    void stop() {
        read().forEach((name, now) -> spent.merge(name, now.minus(started.getOrDefault(name, now)), Duration::plus));
    }

    /** Milliseconds of CPU per call of each process, over every start/stop span so far. */
    Map<String, Double> msPerCall(long calls) {
        Map<String, Double> perCall = new LinkedHashMap<>();
        spent.forEach((name, cpu) -> perCall.put(name, calls == 0 ? Double.NaN : cpu.toNanos() / 1e6 / calls));
        return perCall;
    }

    private Map<String, Duration> read() {
        Map<String, Duration> now = new LinkedHashMap<>();
        processes.forEach((name, handle) -> {
            Optional<Duration> cpu = handle.info().totalCpuDuration();
            cpu.ifPresent(d -> now.put(name, d));
        });
        return now;
    }
}
