package dev.computefabric.gateway.web;

import static dev.computefabric.gateway.catalog.CatalogTestData.catalog;
import static dev.computefabric.gateway.catalog.CatalogTestData.function;
import static dev.computefabric.gateway.catalog.CatalogTestData.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.calls.ViewSync;
import dev.computefabric.gateway.catalog.CatalogTestData;
import dev.computefabric.gateway.catalog.FunctionCatalogView;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The HTTP contract of {@code /v1/functions}, over a catalog view fed by hand. */
@WebMvcTest(FunctionsController.class)
@Import(FunctionsControllerTest.Catalog.class)
class FunctionsControllerTest {

    static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    @TestConfiguration
    static class Catalog {
        @Bean
        FunctionCatalogView functionCatalogView() {
            return new FunctionCatalogView(new SettableClock(T0), Duration.ofSeconds(15));
        }

        @Bean
        FunctionChecks functionChecks(FunctionCatalogView view) {
            return new FunctionChecks(view, ViewSync.NONE, true, Duration.ofSeconds(1));
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FunctionCatalogView view;

    @BeforeEach
    void twoNodes() {
        view.onCatalog("n1", catalog("n1", T0, List.of("python"), CatalogTestData.summarize()));
        view.onPresence("n1", presence("n1", T0, 4, 1));
        view.onCatalog(
                "n2",
                catalog(
                        "n2",
                        T0,
                        List.of(),
                        function("table.describe").description("stats").build()));
    }

    @Test
    void everyFunctionIsListedWithItsSignatureAndLiveNodes() {
        MvcTestResult result = mvc.get().uri("/v1/functions").exchange();

        assertThat(result).hasStatus(HttpStatus.OK);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[*].name")
                .asArray()
                .containsExactly("summarize", "table.describe");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].signature")
                .isEqualTo(
                        "summarize(sales: dataframe, column: string = \"amount\") -> (summary: dataframe, total: double)");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].capabilities")
                .asArray()
                .containsExactly("python");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].inputs[0].in")
                .isEqualTo("tables");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].inputs[0].required")
                .isEqualTo(true);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].inputs[1].default")
                .isEqualTo("amount");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].inputs[1].required")
                .isEqualTo(false);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].outputs[1].type")
                .isEqualTo("double");
        assertThat(result).bodyJson().extractingPath("$.functions[0].available").isEqualTo(true);
        assertThat(result).bodyJson().extractingPath("$.functions[0].freeSlots").isEqualTo(3);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.functions[0].nodes[0].executorId")
                .isEqualTo("n1");
    }

    @Test
    void aFunctionWithoutLiveNodesIsListedAsUnavailable() {
        MvcTestResult result = mvc.get().uri("/v1/functions/table.describe").exchange();

        assertThat(result).hasStatus(HttpStatus.OK);
        assertThat(result).bodyJson().extractingPath("$.signature").isEqualTo("table.describe(...)");
        assertThat(result).bodyJson().extractingPath("$.description").isEqualTo("stats");
        assertThat(result).bodyJson().extractingPath("$.available").isEqualTo(false);
        assertThat(result).bodyJson().extractingPath("$.nodes").asArray().isEmpty();
        assertThat(result).bodyJson().extractingPath("$.inputs").isNull();
    }

    @Test
    void anUnknownFunctionIs404WithSuggestions() {
        MvcTestResult result = mvc.get().uri("/v1/functions/table.descibe").exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("function_not_found");
        assertThat(result).bodyJson().extractingPath("$.suggestions").asArray().containsExactly("table.describe");
    }
}
