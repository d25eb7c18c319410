package dev.computefabric.executor.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the host has room for more work, from its load average and available memory, re-read at most once
 * per interval (dispatching threads ask before every poll). Logs when the verdict changes.
 */
public final class HostLoad {

    private static final Logger log = LoggerFactory.getLogger(HostLoad.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Overload overload;
    private final Supplier<HostReading> readings;
    private final Clock clock;
    private final Duration interval;
    private Instant readAt = Instant.MIN;
    private Optional<String> verdict = Optional.empty();

    public HostLoad(Overload overload, Supplier<HostReading> readings, Clock clock, Duration interval) {
        this.overload = overload;
        this.readings = readings;
        this.clock = clock;
        this.interval = interval;
    }

    public static HostLoad system(LoadLimits limits, Clock clock) {
        return new HostLoad(new Overload(limits), HostLoad::read, clock, DEFAULT_INTERVAL);
    }

    /** Why no call may be taken now, or empty. */
    public synchronized Optional<String> overloaded() {
        Instant now = clock.instant();
        if (now.isBefore(readAt.plus(interval))) {
            return verdict;
        }
        readAt = now;
        Optional<String> next = overload.check(readings.get());
        if (!next.equals(verdict)) {
            if (next.isPresent()) {
                log.warn("host overloaded, taking no calls: {}", next.get());
            } else {
                log.info("host load back to normal, taking calls again");
            }
        }
        verdict = next;
        return verdict;
    }

    static HostReading read() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long total = -1;
        long free = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = sun.getTotalMemorySize();
            free = sun.getFreeMemorySize();
        }
        // MemAvailable counts the page cache the kernel would give back; "free" alone looks alarming on any busy box.
        long available = memAvailable();
        return new HostReading(
                os.getSystemLoadAverage(), os.getAvailableProcessors(), available >= 0 ? available : free, total);
    }

    private static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: fall back to the MXBean's free memory.
        }
        return -1;
    }
}
