package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionSpecs;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sleep}: holds its slot for {@code {"ms": 50}} milliseconds, then answers {@code {"sleptMs": 50}}.
 * Stands in for real work in tests of slots, backpressure and draining; an interrupt ends it at once.
 * A slowdown above 1 simulates a slower node (benchmarks): the same call holds its slot that many times longer.
 */
public final class Sleep implements FabricFunction {

    public static final String NAME = "sleep";
    /** One day: longer is surely a mistake in the arguments. */
    public static final long MAX_MS = TimeUnit.DAYS.toMillis(1);

    private static final String EXAMPLE = "{\"ms\": 50}";

    private final double slowdown;

    public Sleep() {
        this(1.0);
    }

    /** @param slowdown how many times longer than asked each call sleeps; at least 1 */
    public Sleep(double slowdown) {
        if (!(slowdown >= 1.0)) {
            throw new IllegalArgumentException("slowdown must be >= 1, got " + slowdown);
        }
        this.slowdown = slowdown;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Holds its slot for ms milliseconds: stands in for work in tests and benchmarks.")
                .input(FunctionSpecs.param("ms", ParamType.INT))
                .output(FunctionSpecs.param("sleptMs", ParamType.INT))
                .build();
    }

    @Override
    public Object run(CallContext context) throws InterruptedException {
        long ms = context.args().requiredLong("ms", 0, MAX_MS, EXAMPLE);
        // Thread.sleep ends with InterruptedException on interrupt; it propagates so the call is abandoned.
        long stretched = Math.round(ms * slowdown);
        TimeUnit.MILLISECONDS.sleep(stretched);
        return Map.of("sleptMs", stretched);
    }
}
