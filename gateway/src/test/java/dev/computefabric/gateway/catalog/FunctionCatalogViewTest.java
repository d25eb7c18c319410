package dev.computefabric.gateway.catalog;

import static dev.computefabric.gateway.catalog.CatalogTestData.catalog;
import static dev.computefabric.gateway.catalog.CatalogTestData.function;
import static dev.computefabric.gateway.catalog.CatalogTestData.param;
import static dev.computefabric.gateway.catalog.CatalogTestData.presence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.ParamType;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionCatalogViewTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final FunctionCatalogView view = new FunctionCatalogView(clock, Duration.ofSeconds(15));

    @Test
    void aFunctionOfferedByANodeIsKnownWithItsLiveNodeAndFreeSlots() {
        view.onCatalog("n1", catalog("n1", T0, List.of("python"), CatalogTestData.summarize()));
        view.onPresence("n1", presence("n1", T0, 4, 1));

        KnownFunction summarize = view.find("summarize").orElseThrow();

        assertThat(summarize.spec().getInputs()).hasSize(2);
        assertThat(summarize.liveNodes()).singleElement().satisfies(node -> {
            assertThat(node.executorId()).isEqualTo("n1");
            assertThat(node.slots()).isEqualTo(4);
            assertThat(node.freeSlots()).isEqualTo(3);
            assertThat(node.capabilities()).containsExactly("python");
        });
        assertThat(summarize.freeSlots()).isEqualTo(3);
        assertThat(view.names()).containsExactly("summarize");
    }

    @Test
    void aNodeWhosePresenceIsStaleIsNotLiveButItsFunctionsStayKnown() {
        view.onCatalog("n1", catalog("n1", T0, List.of(), function("echo").build()));
        view.onPresence("n1", presence("n1", T0, 4, 0));

        clock.advance(Duration.ofSeconds(16));

        assertThat(view.find("echo").orElseThrow().liveNodes()).isEmpty();
    }

    @Test
    void aNodeWithoutPresenceOrWithATombstonedOneIsNotLive() {
        view.onCatalog("n1", catalog("n1", T0, List.of(), function("echo").build()));
        assertThat(view.find("echo").orElseThrow().liveNodes()).isEmpty();

        view.onPresence("n1", presence("n1", T0, 4, 0));
        view.onPresence("n1", null);

        assertThat(view.find("echo").orElseThrow().liveNodes()).isEmpty();
    }

    @Test
    void aTombstonedCatalogWithdrawsItsFunctions() {
        view.onCatalog("n1", catalog("n1", T0, List.of(), function("echo").build()));
        view.onCatalog("n1", null);

        assertThat(view.find("echo")).isEmpty();
        assertThat(view.isEmpty()).isTrue();
    }

    @Test
    void aNewCatalogReplacesTheNodesOldOne() {
        view.onCatalog(
                "n1",
                catalog(
                        "n1",
                        T0,
                        List.of(),
                        function("a").build(),
                        function("b").build()));
        view.onCatalog(
                "n1", catalog("n1", T0.plusSeconds(1), List.of(), function("b").build()));

        assertThat(view.names()).containsExactly("b");
    }

    @Test
    void aFunctionOfferedByTwoNodesListsBothAndTakesTheLiveNodesSignature() {
        view.onCatalog(
                "old",
                catalog(
                        "old",
                        T0.plusSeconds(5),
                        List.of(),
                        function("f").input(param("a", ParamType.INT)).build()));
        view.onCatalog(
                "new",
                catalog(
                        "new",
                        T0,
                        List.of(),
                        function("f").input(param("b", ParamType.INT)).build()));
        view.onPresence("new", presence("new", T0, 2, 0));

        KnownFunction f = view.find("f").orElseThrow();

        assertThat(f.spec().getInputs()).extracting(p -> p.getName()).containsExactly("b");
        assertThat(f.liveNodes()).extracting(LiveNode::executorId).containsExactly("new");

        view.onPresence("old", presence("old", T0, 3, 1));
        KnownFunction both = view.find("f").orElseThrow();
        assertThat(both.liveNodes()).extracting(LiveNode::executorId).containsExactly("new", "old");
        assertThat(both.spec().getInputs())
                .as("both live: the newer declaration wins")
                .extracting(p -> p.getName())
                .containsExactly("a");
        assertThat(both.freeSlots()).isEqualTo(4);
    }

    @Test
    void everyFunctionIsListedByName() {
        view.onCatalog(
                "n1",
                catalog(
                        "n1",
                        T0,
                        List.of(),
                        function("zeta").build(),
                        function("alpha").build()));

        assertThat(view.all()).extracting(KnownFunction::name).containsExactly("alpha", "zeta");
    }

    @Test
    void busyBeyondSlotsMeansNoFreeSlots() {
        view.onCatalog("n1", catalog("n1", T0, List.of(), function("echo").build()));
        view.onPresence("n1", presence("n1", T0, 2, 3));

        assertThat(view.find("echo").orElseThrow().freeSlots()).isZero();
    }

    @Test
    void theStalenessBoundMustBePositive() {
        assertThatThrownBy(() -> new FunctionCatalogView(clock, Duration.ZERO)).hasMessageContaining("staleAfter");
    }
}
