package dev.computefabric.executor.function;

import java.util.OptionalInt;

/**
 * A function the executor can run. Implementations are stateless and thread-safe: one instance serves
 * every call, on several worker threads at once.
 *
 * <p>To fail, throw a {@link CallException} ({@link BadArgumentsException} for unusable arguments,
 * {@link FunctionFailedException} for the function's own failures). Let {@link InterruptedException}
 * propagate: an interrupted call is abandoned, not failed, so another executor runs it again.
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
     * Runs one call.
     *
     * @return the output, anything Jackson can write as JSON (a {@code JsonNode}, a map, a record, a number)
     */
    Object run(CallContext context) throws Exception;
}
