package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Priority;
import dev.computefabric.executor.DispatchMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Priorities on the real broker, one 1-slot executor: a HIGH call overtakes a backlog of NORMAL ones, and LOW calls
 * run while HIGH calls keep the node busy. Order is asserted from each result's start time, never from how long
 * anything took.
 */
class PriorityIT {

    private static final Duration BOUND = Duration.ofSeconds(120);

    private Scenario scenario;
    private String normal;
    private String high;
    private String low;

    @BeforeEach
    void setUp() {
        scenario = new Scenario(DispatchMode.SHARE);
        // Before the executor starts, so its lanes read every level from their first poll.
        normal = scenario.topic(scenario.tag);
        high = scenario.topic(Priority.HIGH, scenario.tag);
        low = scenario.topic(Priority.LOW, scenario.tag);
        scenario.executor(scenario.tag + "-one", 1);
        // One call per level: each level's consumer has joined the group and been given its topic.
        scenario.produce(normal, scenario.call("warm-normal", "echo", "{}"));
        scenario.produce(high, scenario.call("warm-high", "echo", "{}", Priority.HIGH));
        scenario.produce(low, scenario.call("warm-low", "echo", "{}", Priority.LOW));
        await().atMost(BOUND)
                .until(() -> List.of("warm-normal", "warm-high", "warm-low").stream()
                        .allMatch(name -> scenario.result(name) != null));
    }

    @AfterEach
    void tearDown() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void aHighCallStartsBeforeTheNormalCallsQueuedBeforeIt() {
        List<String> backlog = names("n", 50);
        backlog.forEach(name -> scenario.produce(normal, scenario.call(name, "sleep", "{\"ms\": 200}")));

        FuncCall urgent = scenario.call("urgent", "sleep", "{\"ms\": 200}", Priority.HIGH);
        scenario.produce(high, urgent);

        await().atMost(BOUND).until(() -> finished(backlog) && scenario.result("urgent") != null);
        Instant urgentStart = scenario.result("urgent").getStartedAt();
        List<String> stillQueued = backlog.stream()
                .filter(name -> !scenario.result(name).getStartedAt().isBefore(urgent.getSubmittedAt()))
                .toList();
        List<String> overtook = stillQueued.stream()
                .filter(name -> scenario.result(name).getStartedAt().isBefore(urgentStart))
                .toList();
        assertThat(stillQueued)
                .as("NORMAL calls not yet started when the HIGH call was submitted")
                .hasSizeGreaterThanOrEqualTo(10);
        // At most a fair turn's call (a take in ten looks at the lower levels first) and one acquired meanwhile.
        assertThat(overtook)
                .as("NORMAL calls, still queued when the HIGH call was submitted, that started before it")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void lowCallsRunWhileHighCallsKeepArriving() {
        List<String> lows = names("l", 3);
        lows.forEach(name -> scenario.produce(low, scenario.call(name, "sleep", "{\"ms\": 50}", Priority.LOW)));
        List<String> highs = names("h", 60);
        highs.forEach(name -> scenario.produce(high, scenario.call(name, "sleep", "{\"ms\": 50}", Priority.HIGH)));

        await().atMost(BOUND).until(() -> finished(lows) && finished(highs));
        Instant lastLowStart = lows.stream()
                .map(name -> scenario.result(name).getStartedAt())
                .max(Instant::compareTo)
                .orElseThrow();
        List<String> highsAfterLastLow = highs.stream()
                .filter(name -> scenario.result(name).getStartedAt().isAfter(lastLowStart))
                .toList();
        // Strict priority would run all 60 HIGH calls first; the fair turns take a LOW call every ten or twenty.
        assertThat(highsAfterLastLow)
                .as(
                        "HIGH calls, queued before the LOW calls ran, that were still waiting when the last LOW call started")
                .hasSizeGreaterThanOrEqualTo(10);
    }

    private boolean finished(List<String> names) {
        return names.stream().allMatch(name -> scenario.result(name) != null);
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }
}
