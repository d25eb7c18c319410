package dev.computefabric.executor.function.builtin;

import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sleep}: holds its slot for {@code {"ms": 50}} milliseconds, then answers {@code {"sleptMs": 50}}.
 * Stands in for real work in tests of slots, backpressure and draining; an interrupt ends it at once.
 */
public final class Sleep implements FabricFunction {

    public static final String NAME = "sleep";
    /** One day: longer is surely a mistake in the arguments. */
    public static final long MAX_MS = TimeUnit.DAYS.toMillis(1);

    private static final String EXAMPLE = "{\"ms\": 50}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object run(CallContext context) throws InterruptedException {
        long ms = context.args().requiredLong("ms", 0, MAX_MS, EXAMPLE);
        // Thread.sleep ends with InterruptedException on interrupt; it propagates so the call is abandoned.
        TimeUnit.MILLISECONDS.sleep(ms);
        return Map.of("sleptMs", ms);
    }
}
