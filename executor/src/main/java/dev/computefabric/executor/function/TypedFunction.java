package dev.computefabric.executor.function;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.executor.function.typed.ArgumentType;
import java.util.List;

/**
 * A function over types: its arguments arrive as one Java record (or Avro specific record) decoded from the call's
 * JSON {@code args}, and what it returns (a record, or anything Jackson writes as JSON) becomes the output. The
 * catalog shows the signature taken from the record's components; an argument that does not fit fails the call
 * {@code BadArguments}, naming it, before {@link #apply} runs. A record's own validation (its compact constructor
 * throwing {@code IllegalArgumentException}) fails the call the same way, with its message.
 *
 * <pre>{@code
 * public final class Summarize extends TypedFunction<Summarize.In, Summarize.Out> {
 *     public record In(List<Double> values, @FabricParam(defaultValue = "2") int digits) {}
 *     public record Out(double total, int count) {}
 *
 *     public Summarize() { super("stats.summarize", In.class, Out.class); }
 *
 *     protected Out apply(In in, CallContext context) {
 *         return new Out(in.values().stream().mapToDouble(Double::doubleValue).sum(), in.values().size());
 *     }
 * }
 * }</pre>
 *
 * Or without a class of its own: {@code TypedFunction.of("stats.summarize", In.class, Out.class, (in, ctx) -> ...)}.
 *
 * @param <I> the arguments: a record, an Avro specific record, or {@code JsonNode}/{@code Map} for any arguments
 * @param <O> the output
 */
public abstract class TypedFunction<I, O> implements FabricFunction {

    /** The body of a typed function given as a lambda. */
    @FunctionalInterface
    public interface Body<I, O> {
        O apply(I input, CallContext context) throws Exception;
    }

    private final String name;
    private final ArgumentType<I> input;
    private final ArgumentType<O> output;

    protected TypedFunction(String name, Class<I> input, Class<O> output) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a typed function needs a name");
        }
        this.name = name;
        this.input = ArgumentType.of(input);
        this.output = ArgumentType.of(output);
    }

    /** A typed function from a lambda; {@link #describedAs} and {@link #needing} add to its catalog entry. */
    public static <I, O> TypedFunction<I, O> of(String name, Class<I> input, Class<O> output, Body<I, O> body) {
        return new Lambda<>(name, input, output, body, null, List.of());
    }

    /** Runs the call once its arguments are decoded. */
    protected abstract O apply(I input, CallContext context) throws Exception;

    /** Shown in the catalog; none unless overridden. */
    public String description() {
        return null;
    }

    /** Capability tags a node needs to run this function; a call naming no requirements goes there. */
    public List<String> capabilities() {
        return List.of();
    }

    /** This function with a description in the catalog. */
    public TypedFunction<I, O> describedAs(String description) {
        return new Lambda<>(name, input.type(), output.type(), this::apply, description, capabilities());
    }

    /** This function, declared to need these capabilities. */
    public TypedFunction<I, O> needing(String... capabilities) {
        return new Lambda<>(name, input.type(), output.type(), this::apply, description(), List.of(capabilities));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Object run(CallContext context) throws Exception {
        I decoded = input.decode(name, context.args().json());
        return output.encode(apply(decoded, context));
    }

    @Override
    public FunctionSpec spec() {
        FunctionSpecs spec = FunctionSpecs.of(name).description(description()).capabilities(capabilities());
        input.params().ifPresent(params -> {
            spec.noInputs();
            params.forEach(spec::input);
        });
        output.params().ifPresent(params -> params.forEach(spec::output));
        return spec.build();
    }

    private static final class Lambda<I, O> extends TypedFunction<I, O> {

        private final Body<I, O> body;
        private final String description;
        private final List<String> capabilities;

        Lambda(
                String name,
                Class<I> input,
                Class<O> output,
                Body<I, O> body,
                String description,
                List<String> capabilities) {
            super(name, input, output);
            if (body == null) {
                throw new IllegalArgumentException(name + ": the function's body is required");
            }
            this.body = body;
            this.description = description;
            this.capabilities = List.copyOf(capabilities);
        }

        @Override
        protected O apply(I input, CallContext context) throws Exception {
            return body.apply(input, context);
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public List<String> capabilities() {
            return capabilities;
        }
    }
}
