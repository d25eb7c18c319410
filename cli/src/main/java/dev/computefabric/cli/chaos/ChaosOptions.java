package dev.computefabric.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a chaos run goes.
 *
 * @param dataDir       where the cluster keeps its data and logs
 * @param calls         calls to drive
 * @param callers       concurrent callers (HTTP callers block on their answer)
 * @param seed          decides the call mix and the fault times: the same seed, the same run
 * @param restartPause  how long a killed process stays down before it is restarted
 * @param cutOff        how long the cut-off executor is frozen (SIGSTOP) away from the brokers
 * @param drainTimeout  after the last call is sent, how long every accepted call may take to end
 * @param faults        the faults that strike, each once
 */
public record ChaosOptions(
        Path dataDir,
        int calls,
        int callers,
        long seed,
        Duration restartPause,
        Duration cutOff,
        Duration drainTimeout,
        Set<Fault.Kind> faults) {

    public static final int DEFAULT_CALLS = 10_000;
    public static final int DEFAULT_CALLERS = 48;
    public static final long DEFAULT_SEED = 16;
    public static final Duration DEFAULT_RESTART_PAUSE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CUT_OFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(5);

    public ChaosOptions {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        if (calls < 100) {
            throw new IllegalArgumentException("calls must be >= 100 (faults are spread over the run), got " + calls);
        }
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, got " + callers);
        }
        requirePositive("restartPause", restartPause);
        requirePositive("cutOff", cutOff);
        requirePositive("drainTimeout", drainTimeout);
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
    }

    /** Every fault, as {@code ./fabric chaos} runs by default. */
    public ChaosOptions(
            Path dataDir,
            int calls,
            int callers,
            long seed,
            Duration restartPause,
            Duration cutOff,
            Duration drainTimeout) {
        this(dataDir, calls, callers, seed, restartPause, cutOff, drainTimeout, EnumSet.allOf(Fault.Kind.class));
    }

    public static ChaosOptions of(Path dataDir, int calls) {
        return new ChaosOptions(
                dataDir,
                calls,
                DEFAULT_CALLERS,
                DEFAULT_SEED,
                DEFAULT_RESTART_PAUSE,
                DEFAULT_CUT_OFF,
                DEFAULT_DRAIN_TIMEOUT);
    }

    public ChaosOptions withSeed(long value) {
        return new ChaosOptions(dataDir, calls, callers, value, restartPause, cutOff, drainTimeout, faults);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
