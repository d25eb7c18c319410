package dev.computefabric.executor.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.testing.TestCalls;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Unit {
        KG,
        LB
    }

    record Item(String sku, int qty) {}

    record Order(
            @FabricParam(description = "who orders") String customer,
            List<Item> items,
            @FabricParam(defaultValue = "\"KG\"") Unit unit,
            @FabricParam(defaultValue = "1.0") double discount,
            Optional<String> note,
            boolean express) {

        Order {
            if (items.isEmpty()) {
                throw new IllegalArgumentException("\"items\" must not be empty: an order needs at least one item");
            }
        }
    }

    record Total(int count, String customer, Optional<String> note) {}

    private final TypedFunction<Order, Total> total = TypedFunction.of(
                    "shop.total",
                    Order.class,
                    Total.class,
                    (order, context) ->
                            new Total(order.items().stream().mapToInt(Item::qty).sum(), order.customer(), order.note()))
            .describedAs("counts the items of an order");

    @Test
    void theArgumentsArriveAsTheRecordAndTheOutputRecordIsWrittenAsJson() throws Exception {
        JsonNode output = run(total, """
                {"customer": "ada", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 3}], "express": true,
                 "retry": {"max": 1}}""");

        assertThat(output).isEqualTo(JSON.readTree("{\"count\": 5, \"customer\": \"ada\", \"note\": null}"));
    }

    @Test
    void defaultsAndOptionalsFillWhatTheCallLeavesOut() throws Exception {
        TypedFunction<Order, Order> echo = TypedFunction.of("shop.echo", Order.class, Order.class, (o, c) -> o);

        JsonNode output =
                run(echo, "{\"customer\": \"ada\", \"items\": [{\"sku\": \"a\", \"qty\": 1}], \"express\": false}");

        assertThat(output.path("unit").asText()).isEqualTo("KG");
        assertThat(output.path("discount").asDouble()).isEqualTo(1.0);
        assertThat(output.path("note").isNull()).isTrue();
    }

    @Test
    void anArgumentThatDoesNotFitIsBadArgumentsNamingItAndTheSignature() {
        assertThatThrownBy(() -> run(total, "{\"customer\": \"ada\", \"items\": [], \"express\": \"yes\"}"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("shop.total: \"express\" (bool) must be true or false, got string \"yes\"")
                .hasMessageContaining("it takes {\"customer\": string, \"items\": json, \"unit\": string = \"KG\"");
        assertThatThrownBy(() -> run(total, "{\"items\": [{\"sku\": \"a\", \"qty\": 1}], \"express\": true}"))
                .hasMessageStartingWith("shop.total: \"customer\" (string) is required");
        assertThatThrownBy(() -> run(total, "{\"customer\": \"ada\", \"items\": [], \"express\": true, \"colour\": 1}"))
                .hasMessageStartingWith("shop.total: unknown argument \"colour\"");
        assertThatThrownBy(() ->
                        run(total, "{\"customer\": \"ada\", \"items\": [], \"express\": true, \"unit\": \"ton\"}"))
                .hasMessageStartingWith("shop.total: \"unit\" (string) must be one of [KG, LB], got \"ton\"");
    }

    @Test
    void aWrongValueInsideANestedArgumentNamesItsPath() {
        assertThatThrownBy(() -> run(
                        total,
                        "{\"customer\": \"ada\", \"items\": [{\"sku\": \"a\", \"qty\": \"two\"}], \"express\": true}"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageContaining("\"items\" (json) does not fit List")
                .hasMessageContaining("[0].qty");
    }

    @Test
    void theRecordsOwnValidationFailsTheCallWithItsMessage() {
        assertThatThrownBy(() -> run(total, "{\"customer\": \"ada\", \"items\": [], \"express\": true}"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("shop.total: \"items\" must not be empty: an order needs at least one item");
    }

    @Test
    void theSignatureComesFromTheRecordComponents() {
        FunctionSpec spec = total.spec();

        assertThat(spec.getName()).isEqualTo("shop.total");
        assertThat(spec.getDescription()).isEqualTo("counts the items of an order");
        assertThat(spec.getLanguage()).isEqualTo("java");
        assertThat(spec.getInputs())
                .extracting(
                        FunctionParam::getName,
                        FunctionParam::getType,
                        FunctionParam::getDefaultValue,
                        FunctionParam::getOptional)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("customer", ParamType.STRING, null, false),
                        org.assertj.core.groups.Tuple.tuple("items", ParamType.JSON, null, false),
                        org.assertj.core.groups.Tuple.tuple("unit", ParamType.STRING, "\"KG\"", false),
                        org.assertj.core.groups.Tuple.tuple("discount", ParamType.DOUBLE, "1.0", false),
                        org.assertj.core.groups.Tuple.tuple("note", ParamType.STRING, null, true),
                        org.assertj.core.groups.Tuple.tuple("express", ParamType.BOOL, null, false));
        assertThat(spec.getInputs().get(0).getDescription()).isEqualTo("who orders");
        assertThat(spec.getOutputs()).extracting(FunctionParam::getName).containsExactly("count", "customer", "note");
    }

    @Test
    void aFunctionCanDeclareTheCapabilitiesItNeeds() {
        assertThat(total.needing("gpu").spec().getCapabilities()).containsExactly("gpu");
        assertThat(total.needing("gpu").spec().getDescription()).isEqualTo("counts the items of an order");
    }

    @Test
    void anAvroRecordIsDecodedWithItsDefaultsAndWrittenAsPlainJson() throws Exception {
        TypedFunction<FunctionParam, FunctionParam> echo =
                TypedFunction.of("avro.echo", FunctionParam.class, FunctionParam.class, (param, c) -> param);

        JsonNode output = run(echo, "{\"name\": \"n\", \"type\": \"INT\", \"description\": \"how many\"}");

        assertThat(output)
                .isEqualTo(JSON.readTree(
                        "{\"name\": \"n\", \"type\": \"INT\", \"defaultValue\": null, \"optional\": false,"
                                + " \"description\": \"how many\"}"));
        assertThat(echo.spec().getInputs())
                .extracting(FunctionParam::getName, FunctionParam::getType)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("name", ParamType.STRING),
                        org.assertj.core.groups.Tuple.tuple("optional", ParamType.BOOL));
        assertThatThrownBy(() -> run(echo, "{\"name\": \"n\", \"type\": \"HUGE\"}"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("avro.echo: \"type\" must be one of [INT, DOUBLE");
        assertThatThrownBy(() -> run(echo, "{\"type\": \"INT\"}"))
                .hasMessage("avro.echo: \"name\" (string) is required");
    }

    @Test
    void aJsonNodeArgumentTakesAnyArgumentsAndDeclaresNoSignature() throws Exception {
        TypedFunction<JsonNode, String> keys =
                TypedFunction.of("json.keys", JsonNode.class, String.class, (args, c) -> args.toString());

        assertThat(run(keys, "{\"a\": 1}")).isEqualTo(JSON.readTree("\"{\\\"a\\\":1}\""));
        assertThat(keys.spec().getInputs()).isNull();
        assertThat(keys.spec().getOutputs()).isNull();
    }

    private static JsonNode run(FabricFunction function, String args) throws Exception {
        FuncCall call = TestCalls.call(function.name()).args(args).build();
        Object output =
                function.run(new CallContext(call, Args.parse(function.name(), args), FabricTables.inlineOnly(64)));
        return JSON.valueToTree(output);
    }
}
