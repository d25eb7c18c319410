package dev.computefabric.executor.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.ErrorTypes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorKindTest {

    @Test
    void everyErrorTypeOfTheContractHasExactlyOneKind() throws IllegalAccessException {
        List<String> contract = new ArrayList<>();
        for (Field field : ErrorTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                contract.add((String) field.get(null));
            }
        }

        assertThat(Arrays.stream(ErrorKind.values()).map(ErrorKind::type))
                .containsExactlyInAnyOrderElementsOf(contract);
    }
}
