package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.catalog.CatalogTestData.catalog;
import static dev.computefabric.gateway.catalog.CatalogTestData.function;
import static dev.computefabric.gateway.catalog.CatalogTestData.param;
import static dev.computefabric.gateway.catalog.CatalogTestData.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.gateway.catalog.CatalogTestData;
import dev.computefabric.gateway.catalog.FunctionCatalogView;
import dev.computefabric.schemas.Capset;
import dev.computefabric.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionChecksTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final FunctionCatalogView view = new FunctionCatalogView(clock, Duration.ofSeconds(15));
    /** Catalog records that reach the view only when the checks ask to catch up: a gateway that lags. */
    private FunctionCatalog lagging;

    private final AtomicInteger syncs = new AtomicInteger();
    private final ViewSync sync = () -> {
        syncs.incrementAndGet();
        if (lagging != null) {
            view.onCatalog(lagging.getExecutorId(), lagging);
        }
        return CompletableFuture.completedFuture(null);
    };

    private FunctionChecks checks(boolean enforce) {
        return new FunctionChecks(view, sync, enforce, Duration.ofSeconds(1));
    }

    private static CallSubmission call(String function, String args, Capset requirements, String... tables) {
        Map<String, TableInput> inputs = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            inputs.put(table, new TableInput(TableFormat.CSV, "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        }
        return new CallSubmission(function, args, requirements, inputs, null, 1, Optional.empty(), Caching.POLICY);
    }

    private void summarizeOnALiveNode() {
        view.onCatalog("n1", catalog("n1", T0, List.of("python"), CatalogTestData.summarize()));
        view.onPresence("n1", presence("n1", T0, 4, 0));
    }

    /** What {@code future} failed with; it may still be waiting for a catch-up that times out. */
    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("did not fail: " + e, e);
        }
        throw new AssertionError("did not fail");
    }

    @Test
    void aCallThatNamesNoRequirementsGoesToItsFunctionsCapabilitiesWithDefaultsFilledIn() {
        summarizeOnALiveNode();

        Admission admitted = checks(true)
                .admit(call("summarize", "{}", Capset.of(), "sales"))
                .join();

        assertThat(admitted.submission().capset()).isEqualTo(Capset.of("python"));
        assertThat(admitted.submission().argsJson()).isEqualTo("{\"column\":\"amount\"}");
        assertThat(admitted.warnings()).isEmpty();
        assertThat(syncs).hasValue(0);
    }

    @Test
    void theCallersRequirementsAreAddedToTheFunctions() {
        summarizeOnALiveNode();

        Admission admitted = checks(true)
                .admit(call("summarize", "{}", Capset.of("gpu"), "sales"))
                .join();

        assertThat(admitted.submission().capset()).isEqualTo(Capset.of("gpu", "python"));
        assertThat(admitted.warnings())
                .singleElement()
                .asString()
                .contains("no live node that offers 'summarize' has every capability of [gpu.python]")
                .contains("n1 [python]")
                .contains("fabric.calls.gpu.python");
    }

    @Test
    void anUnknownFunctionIsNotFoundWithTheClosestNamesAfterCatchingUp() {
        summarizeOnALiveNode();

        Throwable refused = failure(checks(true).admit(call("sumarize", "{}", Capset.of(), "sales")));

        assertThat(refused)
                .isInstanceOfSatisfying(
                        FunctionNotFoundException.class,
                        e -> assertThat(e.suggestions()).containsExactly("summarize"))
                .hasMessageContaining("did you mean 'summarize'?");
        assertThat(syncs).as("caught up before refusing").hasValue(1);
    }

    @Test
    void aFunctionPublishedJustBeforeTheCallIsFoundByCatchingUp() {
        lagging = catalog("n2", T0, List.of(), function("fresh").build());

        Admission admitted =
                checks(true).admit(call("fresh", "{}", Capset.of())).join();

        assertThat(admitted.submission().function()).isEqualTo("fresh");
    }

    @Test
    void aSubmissionThatWaitedForTheCatalogContinuesOnTheGivenExecutorNotTheFollowersThread() {
        lagging = catalog("n2", T0, List.of(), function("fresh").build());
        List<Runnable> dispatched = new java.util.ArrayList<>();
        FunctionChecks checks = new FunctionChecks(view, sync, true, Duration.ofSeconds(1), dispatched::add);

        CompletableFuture<Admission> admitted = checks.admit(call("fresh", "{}", Capset.of()));

        assertThat(admitted).isNotDone();
        dispatched.forEach(Runnable::run);
        assertThat(admitted.join().submission().function()).isEqualTo("fresh");
    }

    @Test
    void aSignaturePublishedJustBeforeTheCallIsCheckedAfterCatchingUp() {
        view.onCatalog(
                "n1",
                catalog(
                        "n1",
                        T0,
                        List.of(),
                        function("f").input(param("a", ParamType.INT)).build()));
        lagging = catalog(
                "n1",
                T0.plusSeconds(1),
                List.of(),
                function("f").input(param("b", ParamType.INT)).build());

        Admission admitted =
                checks(true).admit(call("f", "{\"b\":1}", Capset.of())).join();

        assertThat(admitted.submission().argsJson()).isEqualTo("{\"b\":1}");
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() {
        summarizeOnALiveNode();

        Throwable refused = failure(checks(true).admit(call("summarize", "{\"column\":7}", Capset.of(), "sales")));

        assertThat(refused)
                .isInstanceOfSatisfying(
                        BadArgumentsException.class,
                        e -> assertThat(e.argument()).isEqualTo("column"))
                .hasMessageContaining("must be a string");
    }

    @Test
    void aKnownFunctionWhoseNodesAreDownIsLetThroughWithAWarning() {
        summarizeOnALiveNode();
        clock.advance(Duration.ofMinutes(1));

        Admission admitted = checks(true)
                .admit(call("summarize", "{}", Capset.of(), "sales"))
                .join();

        assertThat(admitted.warnings())
                .containsExactly(
                        "no live node offers 'summarize' now; the call waits in fabric.calls.python until one does");
    }

    @Test
    void inlinePythonThatNoNodeOffersNamesTheFlagThatEnablesIt() {
        summarizeOnALiveNode();

        assertThat(failure(checks(true).admit(call("python", "{\"code\":\"1\"}", Capset.of()))))
                .isInstanceOf(FunctionNotFoundException.class)
                .hasMessageContaining("--allow-inline-code");
    }

    @Test
    void anEmptyCatalogSaysSoAndHowToSwitchTheCheckOff() {
        Throwable refused = failure(checks(true).admit(call("echo", "{}", Capset.of())));

        assertThat(refused)
                .isInstanceOf(FunctionNotFoundException.class)
                .hasMessageContaining("the function catalog is empty")
                .hasMessageContaining("fabric.catalog.enforce=false");
    }

    @Test
    void withoutEnforcementAnUnknownFunctionIsQueuedUncheckedWithAWarning() {
        Admission admitted = checks(false)
                .admit(call("echo", "{\"x\":1}", Capset.of("python")))
                .join();

        assertThat(admitted.submission().argsJson()).isEqualTo("{\"x\":1}");
        assertThat(admitted.submission().capset()).isEqualTo(Capset.of("python"));
        assertThat(admitted.warnings()).singleElement().asString().contains("queued unchecked in fabric.calls.python");
    }

    @Test
    void withoutEnforcementAKnownFunctionIsStillChecked() {
        summarizeOnALiveNode();

        assertThat(failure(checks(false).admit(call("summarize", "{}", Capset.of()))))
                .isInstanceOf(BadArgumentsException.class);
    }

    @Test
    void capabilitiesThatCannotNameATopicAreTheNodesFault() {
        view.onCatalog(
                "n1",
                catalog("n1", T0, List.of(), function("f").capabilities("gpu_x").build()));

        assertThat(failure(checks(true).admit(call("f", "{}", Capset.of()))))
                .isInstanceOf(FunctionMisdeclaredException.class)
                .hasMessageContaining("gpu_x");
    }

    @Test
    void aCatalogThatCannotCatchUpInTimeAnswersFromWhatItHas() {
        FunctionChecks slow = new FunctionChecks(view, CompletableFuture::new, true, Duration.ofMillis(10));

        assertThat(failure(slow.admit(call("echo", "{}", Capset.of())))).isInstanceOf(FunctionNotFoundException.class);
    }

    @Test
    void requireKnownRefusesAnUnknownFunctionOnlyWhenEnforced() {
        summarizeOnALiveNode();

        checks(true).requireKnown("summarize");
        checks(false).requireKnown("nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> checks(true).requireKnown("sumarize"))
                .isInstanceOfSatisfying(
                        FunctionNotFoundException.class,
                        e -> assertThat(e.suggestions()).containsExactly("summarize"));
    }

    @Test
    void describeFindsAKnownFunctionEvenWithoutEnforcement() {
        summarizeOnALiveNode();

        assertThat(checks(false).describe("summarize").join().name()).isEqualTo("summarize");
        assertThat(failure(checks(false).describe("nope"))).isInstanceOf(FunctionNotFoundException.class);
    }
}
