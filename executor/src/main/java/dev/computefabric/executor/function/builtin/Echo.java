package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionSpecs;

/** {@code echo}: answers with its arguments, unchanged. The cheapest round trip through the fabric. */
public final class Echo implements FabricFunction {

    public static final String NAME = "echo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Answers with its arguments, unchanged: the cheapest round trip through the fabric.")
                .build();
    }

    @Override
    public Object run(CallContext context) {
        return context.args().json();
    }
}
