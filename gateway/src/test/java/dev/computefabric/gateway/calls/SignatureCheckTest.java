package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.catalog.CatalogTestData.function;
import static dev.computefabric.gateway.catalog.CatalogTestData.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.gateway.catalog.CatalogTestData;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final FunctionSpec SUMMARIZE = CatalogTestData.summarize();
    private static final FunctionSpec TYPED = function("typed")
            .input(param("n", ParamType.INT))
            .input(param("x", ParamType.DOUBLE).optional())
            .input(param("s", ParamType.STRING).optional())
            .input(param("b", ParamType.BOOL).optional())
            .input(param("j", ParamType.JSON).optional())
            .build();

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            FunctionSpec spec, String args, Set<String> tables, String argument) {
        return assertThatThrownBy(() -> SignatureCheck.check(spec, args, tables))
                .isInstanceOfSatisfying(
                        BadArgumentsException.class,
                        e -> assertThat(e.argument()).isEqualTo(argument));
    }

    @Test
    void aCallThatFitsGetsTheDefaultsFilledIn() {
        assertThat(SignatureCheck.check(SUMMARIZE, "{}", Set.of("sales"))).isEqualTo("{\"column\":\"amount\"}");
        assertThat(SignatureCheck.check(SUMMARIZE, "{\"column\":\"qty\"}", Set.of("sales")))
                .isEqualTo("{\"column\":\"qty\"}");
    }

    @Test
    void aNullValueCountsAsLeftOut() {
        assertThat(SignatureCheck.check(SUMMARIZE, "{\"column\":null}", Set.of("sales")))
                .isEqualTo("{\"column\":\"amount\"}");
        refused(TYPED, "{\"n\":null}", Set.of(), "n").hasMessageContaining("is required");
    }

    @Test
    void aFunctionWithoutSignatureTakesAnything() {
        assertThat(SignatureCheck.check(function("echo").build(), "{\"any\":[1]}", Set.of("t")))
                .isEqualTo("{\"any\":[1]}");
    }

    @Test
    void anUnknownArgumentIsNamedWithTheClosestInput() {
        refused(SUMMARIZE, "{\"colum\":\"x\"}", Set.of("sales"), "colum")
                .hasMessageContaining("'summarize' has no input 'colum' (did you mean 'column'?)")
                .hasMessageContaining("did you mean 'column'?")
                .hasMessageContaining("sales: dataframe, column: string = \"amount\"");
    }

    @Test
    void theFabricsOwnArgumentsAreAlwaysAllowed() {
        assertThat(SignatureCheck.check(TYPED, "{\"n\":1,\"retry\":{\"max\":0}}", Set.of()))
                .isEqualTo("{\"n\":1,\"retry\":{\"max\":0}}");
    }

    @Test
    void aMissingRequiredArgumentIsNamed() {
        refused(TYPED, "{}", Set.of(), "n").hasMessageContaining("argument 'n' of 'typed' is required: an int");
    }

    @Test
    void aMissingDataframeSaysToSendATable() {
        refused(SUMMARIZE, "{}", Set.of(), "sales")
                .hasMessageContaining("argument 'sales' of 'summarize' is required: a dataframe, sent as a table");
    }

    @Test
    void aDataframeInArgsIsRefused() {
        refused(SUMMARIZE, "{\"sales\":[[1,2]]}", Set.of(), "sales")
                .hasMessageContaining("is a dataframe: send it as a table");
    }

    @Test
    void aScalarSentAsATableIsRefused() {
        refused(SUMMARIZE, "{}", Set.of("sales", "column"), "column").hasMessageContaining("send it in \"args\"");
    }

    @Test
    void aTableTheSignatureDoesNotNameIsPassedOnAndNamedWhenTheDeclaredOneIsMissing() {
        assertThat(SignatureCheck.check(SUMMARIZE, "{}", Set.of("sales", "extra")))
                .isEqualTo("{\"column\":\"amount\"}");
        refused(SUMMARIZE, "{}", Set.of("sale"), "sales").hasMessageContaining("the call's tables are named [sale]");
    }

    @Test
    void eachTypeTakesItsJsonValues() {
        assertThat(SignatureCheck.check(TYPED, "{\"n\":3,\"x\":2,\"s\":\"t\",\"b\":false,\"j\":{\"k\":[1]}}", Set.of()))
                .isEqualTo("{\"n\":3,\"x\":2,\"s\":\"t\",\"b\":false,\"j\":{\"k\":[1]}}");
        assertThat(SignatureCheck.check(TYPED, "{\"n\":3.0,\"x\":2.5}", Set.of()))
                .contains("\"n\":3.0");
    }

    @Test
    void aWrongTypeNamesTheArgumentTheTypeExpectedAndTheValueSent() {
        refused(TYPED, "{\"n\":\"3\"}", Set.of(), "n")
                .hasMessageContaining(
                        "argument 'n' of 'typed' must be an int (a whole number such as 3), got string \"3\"");
        refused(TYPED, "{\"n\":2.5}", Set.of(), "n").hasMessageContaining("got double 2.5");
        refused(TYPED, "{\"n\":1,\"x\":\"1.5\"}", Set.of(), "x").hasMessageContaining("must be a double");
        refused(TYPED, "{\"n\":1,\"s\":5}", Set.of(), "s").hasMessageContaining("must be a string");
        refused(TYPED, "{\"n\":1,\"b\":\"yes\"}", Set.of(), "b").hasMessageContaining("must be a bool (true or false)");
    }

    @Test
    void aFunctionWithNoInputsTakesNoArguments() {
        refused(function("now").noInputs().build(), "{\"x\":1}", Set.of(), "x").hasMessageContaining("takes no inputs");
    }

    @Test
    void aDefaultThatIsNotJsonIsLeftToTheFunction() {
        FunctionSpec broken = function("f")
                .input(param("a", ParamType.STRING).defaultValue("not json"))
                .build();

        assertThat(SignatureCheck.check(broken, "{}", Set.of())).isEqualTo("{}");
    }
}
