package dev.computefabric.executor.function.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.executor.function.BadArgumentsException;
import java.util.List;
import java.util.Optional;

/** A type without a declared signature ({@code JsonNode}, {@code Map}, a bean): converted by Jackson as it is. */
final class AnyType<T> extends ArgumentType<T> {

    AnyType(Class<T> type) {
        super(type);
    }

    @Override
    public T decode(String function, ObjectNode args) {
        try {
            return JsonValues.MAPPER.convertValue(args, type());
        } catch (IllegalArgumentException e) {
            throw new BadArgumentsException(
                    function + ": the arguments do not fit " + type().getSimpleName() + ": " + JsonValues.reason(e));
        }
    }

    @Override
    public Object encode(T value) {
        return value;
    }

    @Override
    public Optional<List<FunctionParam>> params() {
        return Optional.empty();
    }
}
