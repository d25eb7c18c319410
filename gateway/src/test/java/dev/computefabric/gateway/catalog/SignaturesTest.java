package dev.computefabric.gateway.catalog;

import static dev.computefabric.gateway.catalog.CatalogTestData.function;
import static dev.computefabric.gateway.catalog.CatalogTestData.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.ParamType;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void aSignatureReadsLikeTheHeaderThatDeclaredIt() {
        assertThat(Signatures.of(CatalogTestData.summarize()))
                .isEqualTo(
                        "summarize(sales: dataframe, column: string = \"amount\") -> (summary: dataframe, total: double)");
    }

    @Test
    void optionalInputsAreMarkedAndOneOutputNeedsNoParentheses() {
        assertThat(Signatures.of(function("f")
                        .input(param("limit", ParamType.INT).optional())
                        .output(param("n", ParamType.INT))
                        .build()))
                .isEqualTo("f(limit?: int) -> n: int");
    }

    @Test
    void aFunctionWithoutSignatureTakesAnything() {
        assertThat(Signatures.of(function("echo").build())).isEqualTo("echo(...)");
        assertThat(Signatures.of(function("now").noInputs().build())).isEqualTo("now()");
    }
}
