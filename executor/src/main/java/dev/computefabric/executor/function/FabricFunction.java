package dev.computefabric.executor.function;

import dev.computefabric.avro.FunctionSpec;
import java.util.OptionalInt;

/**
 * A function the executor can run. Implementations are stateless and thread-safe: one instance serves
 * every call, on several worker threads at once.
 *
 * <p>To fail, throw a {@link CallException} ({@link BadArgumentsException} for unusable arguments,
 * {@link FunctionFailedException} for the function's own failures). Let {@link InterruptedException}
 * propagate: an interrupted call is abandoned, not failed, so another executor runs it again.
 *
 * <p>Applications add functions without touching the fabric: on a node they run themselves
 * ({@code FabricNode.builder().function(...)}), or in a jar that lists them in
 * {@code META-INF/services/dev.computefabric.executor.function.FabricFunction} for
 * {@code ./fabric executor --functions <jar>}. {@link TypedFunction} derives the arguments, the output and the
 * signature from Java records.
 */
public interface FabricFunction {

    /** The name callers put in {@code FuncCall.function}, e.g. {@code table.describe}. */
    String name();

    /**
     * How many times a retryable failure of this function is retried when the call does not say; empty
     * means the node's {@code --max-retries}. A function whose side effects make a retry costly says 0.
     */
    default OptionalInt maxRetries() {
        return OptionalInt.empty();
    }

    /**
     * What the node's catalog says about this function (signature, description, capabilities it needs); the
     * gateway checks calls against it. By default: a Java function that takes any arguments.
     */
    default FunctionSpec spec() {
        return FunctionSpecs.anyArgs(name());
    }

    /**
     * Runs one call.
     *
     * @return the output, anything Jackson can write as JSON (a {@code JsonNode}, a map, a record, a number)
     */
    Object run(CallContext context) throws Exception;
}
