package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.function.FunctionSpecs;

/**
 * {@code fail}: always fails with {@code {"message": "...", "retryable": false}}; both optional.
 * Exercises the failure path end to end (result, router state, retries).
 */
public final class Fail implements FabricFunction {

    public static final String NAME = "fail";
    public static final String DEFAULT_MESSAGE = "failed on purpose";

    private static final String EXAMPLE = "{\"message\": \"boom\", \"retryable\": false}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Always fails with FunctionFailed: exercises the failure path.")
                .input(FunctionSpecs.param("message", ParamType.STRING, "\"" + DEFAULT_MESSAGE + "\""))
                .input(FunctionSpecs.param("retryable", ParamType.BOOL, "false"))
                .build();
    }

    @Override
    public Object run(CallContext context) {
        String message = context.args().optionalString("message", EXAMPLE).orElse(DEFAULT_MESSAGE);
        boolean retryable = context.args().optionalBoolean("retryable", false, EXAMPLE);
        throw new FunctionFailedException(message, retryable);
    }
}
