package dev.computefabric.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run, in the test command: 1,000 calls on three brokers, two routers, two gateways and three
 * executors while every fault strikes once, a broker kill included (about 3 minutes on a 2-core machine;
 * {@code ./fabric chaos} runs the long one). At-least-once execution is allowed; losing a call, ending one twice,
 * answering a caller twice or differently, or refusing a well-formed call for anything but an outage is not. Skipped
 * with {@code -Dfabric.chaos=false}.
 */
@DisabledIfSystemProperty(
        named = "fabric.chaos",
        matches = "false",
        disabledReason = "-Dfabric.chaos=false: the chaos run is switched off")
class ChaosIT {

    /**
     * Every fault, the broker kill included. It was left out while Kafka seemed to lose records across a broker
     * kill; the cause was the executor's lock renewal burning deliveries (docs/reliability.md), fixed since.
     */
    static final Set<Fault.Kind> EVERY_FAULT = EnumSet.allOf(Fault.Kind.class);

    @TempDir
    Path dataDir;

    @Test
    void aThousandCallsThroughEveryFaultAreNeitherLostNorAnsweredTwice() throws Exception {
        ChaosOptions options = new ChaosOptions(
                dataDir,
                1_000,
                32,
                ChaosOptions.DEFAULT_SEED,
                ChaosOptions.DEFAULT_RESTART_PAUSE,
                ChaosOptions.DEFAULT_CUT_OFF,
                Duration.ofMinutes(8),
                EVERY_FAULT);

        ChaosVerdict verdict = ChaosRun.run(options, System.out);
        verdict.printTable(System.out);
        System.out.println(verdict.json());

        assertThat(verdict.faults()).extracting(Fault::kind).containsExactlyInAnyOrderElementsOf(EVERY_FAULT);
        assertThat(verdict.faults())
                .allSatisfy(fault ->
                        assertThat(fault.healed()).as("%s healed", fault).isNotNull());
        assertThat(verdict.accepted()).as("calls accepted").isGreaterThan(500);
        // CI shows the failed assertion, not the table: name the calls that broke the promise, and the faults.
        String named = "; the first calls that broke the promise:%n%s%nfaults: %s"
                .formatted(String.join("\n", verdict.broken()), verdict.faults());
        assertThat(verdict.lost()).as(() -> "lost" + named).isZero();
        assertThat(verdict.endedTwice()).as(() -> "ended twice" + named).isZero();
        assertThat(verdict.answeredTwice()).as(() -> "answered twice" + named).isZero();
        assertThat(verdict.answeredDifferently())
                .as(() -> "answered differently" + named)
                .isZero();
        assertThat(verdict.tableInputsGone())
                .as("table calls whose input was deleted")
                .isZero();
        assertThat(verdict.terminal()).isEqualTo(verdict.accepted());
        // Refused for good only after retries through an outage: a 4xx is a call the harness got wrong, a 500 a bug.
        assertThat(verdict.refusedBecause().keySet())
                .as("why calls were not accepted")
                .noneMatch(reason -> reason.matches("(table upload: )?HTTP \\d+"));
    }
}
