package dev.computefabric.executor.function.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FunctionParam;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * How a typed function's argument or output type maps to JSON: decoded from a call's {@code args}, encoded into its
 * output, and described as the signature's parameters. Internal to {@code TypedFunction}.
 */
public abstract class ArgumentType<T> {

    /** Arguments the fabric itself reads from every call ({@code "retry": {"max": N}}): never "unknown". */
    static final List<String> RESERVED = List.of("retry");

    private final Class<T> type;

    ArgumentType(Class<T> type) {
        this.type = type;
    }

    /** A record, an Avro specific record, or anything else Jackson can convert (then no signature). */
    @SuppressWarnings("unchecked")
    public static <T> ArgumentType<T> of(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("a typed function needs its input and output classes");
        }
        if (type.isRecord()) {
            return new RecordType<>(type);
        }
        if (SpecificRecord.class.isAssignableFrom(type)) {
            return (ArgumentType<T>) new AvroType<>((Class<? extends SpecificRecord>) type);
        }
        return new AnyType<>(type);
    }

    public Class<T> type() {
        return type;
    }

    /**
     * The call's arguments as a {@code T}.
     *
     * @param function for messages
     * @throws dev.computefabric.executor.function.BadArgumentsException naming the argument that does not fit
     */
    public abstract T decode(String function, ObjectNode args);

    /** What the runner writes as the call's output (JSON). */
    public abstract Object encode(T value);

    /** The signature's parameters; empty when the type declares none (any arguments). */
    public abstract Optional<List<FunctionParam>> params();
}
