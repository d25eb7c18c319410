package dev.computefabric.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricParam;
import dev.computefabric.executor.function.TypedFunction;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MethodFunctionsTest {

    record Order(
            String item,
            int quantity,
            @FabricParam(defaultValue = "\"EUR\"") String currency) {}

    record Quote(String item, double total) {}

    static class Quotes {
        @FabricFunction(value = "quote.price", description = "Prices an order", capabilities = "pricing")
        Quote price(Order order) {
            return new Quote(order.item(), order.quantity() * 2.5);
        }

        @FabricFunction
        Quote withContext(CallContext context, Order order) {
            return null;
        }

        @FabricFunction
        void nothing() {}

        @FabricFunction
        Quote tooMany(Order order, Quote quote) {
            return quote;
        }
    }

    private static TypedFunction<?, ?> function(String method) {
        Method m = Arrays.stream(Quotes.class.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(method))
                .findFirst()
                .orElseThrow();
        return MethodFunctions.of(new Quotes(), m, m.getAnnotation(FabricFunction.class));
    }

    @Test
    void aMethodBecomesAFunctionWhoseSignatureIsItsArgumentRecord() {
        FunctionSpec spec = function("price").spec();

        assertThat(spec.getName()).isEqualTo("quote.price");
        assertThat(spec.getDescription()).isEqualTo("Prices an order");
        assertThat(spec.getCapabilities()).containsExactly("pricing");
        assertThat(spec.getInputs()).extracting(FunctionParam::getName).containsExactly("item", "quantity", "currency");
        assertThat(spec.getInputs())
                .extracting(FunctionParam::getType)
                .containsExactly(ParamType.STRING, ParamType.INT, ParamType.STRING);
        assertThat(spec.getInputs().get(2).getDefaultValue()).isEqualTo("\"EUR\"");
        assertThat(spec.getOutputs()).extracting(FunctionParam::getName).containsExactly("item", "total");
    }

    @Test
    void theNameIsTheMethodsWhenTheAnnotationGivesNone() {
        assertThat(function("withContext").name()).isEqualTo("withContext");
        assertThat(function("withContext").spec().getInputs())
                .extracting(FunctionParam::getName)
                .containsExactly("item", "quantity", "currency");
    }

    @Test
    void aMethodWithoutArgumentsTakesAnyArguments() {
        assertThat(function("nothing").spec().getInputs()).isNull();
    }

    @Test
    void moreThanOneArgumentBesidesTheContextIsRefusedNamingTheMethod() {
        assertThatThrownBy(() -> function("tooMany"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Quotes.tooMany(Order, Quote) takes 2 parameters")
                .hasMessageContaining("one record");
    }
}
