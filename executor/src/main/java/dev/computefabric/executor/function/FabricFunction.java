package dev.computefabric.executor.function;

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
     * Runs one call.
     *
     * @return the output, anything Jackson can write as JSON (a {@code JsonNode}, a map, a record, a number)
     */
    Object run(CallContext context) throws Exception;
}
