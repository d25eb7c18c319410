package dev.computefabric.testkit;

import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.TypedFunction;
import java.util.Locale;

/** A typed function the ITs serve by class through {@link FabricTest#functions()}. */
public final class Upper extends TypedFunction<Upper.Text, Upper.Shouted> {

    public record Text(String text) {}

    public record Shouted(String text) {}

    public Upper() {
        super("kit.upper", Text.class, Shouted.class);
    }

    @Override
    protected Shouted apply(Text in, CallContext context) {
        return new Shouted(in.text().toUpperCase(Locale.ROOT));
    }
}
