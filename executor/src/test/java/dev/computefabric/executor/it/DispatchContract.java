package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every dispatch mode must do on the real broker: balance by slots, survive kill -9, dead-letter poison. */
abstract class DispatchContract {

    static final Duration RUN_BOUND = Duration.ofSeconds(60);

    Scenario scenario;

    abstract DispatchMode mode();

    @BeforeEach
    void setUp() {
        scenario = new Scenario(mode());
    }

    @AfterEach
    void tearDown() {
        scenario.close();
    }

    @Test
    void twoExecutorsShareTwoHundredCallsWithoutEverRunningMoreThanTheirSlots() {
        String topic = scenario.topic(scenario.tag);
        scenario.executor(scenario.tag + "-one", 1);
        scenario.executor(scenario.tag + "-eight", 8);
        List<String> names = IntStream.range(0, 200).mapToObj(i -> "c" + i).toList();
        names.forEach(name -> scenario.produce(topic, scenario.call(name, "sleep", "{\"ms\": 50}")));

        await().atMost(RUN_BOUND)
                .until(() ->
                        names.stream().allMatch(name -> !scenario.results(name).isEmpty()));

        List<FuncResult> results = names.stream().map(scenario::result).toList();
        assertThat(results).extracting(FuncResult::getState).containsOnly(CallState.FINISHED);
        assertThat(names).allSatisfy(name -> assertThat(scenario.results(name)).hasSize(1));
        Map<String, List<FuncResult>> byExecutor =
                results.stream().collect(Collectors.groupingBy(FuncResult::getExecutorId));
        List<FuncResult> one = byExecutor.getOrDefault(scenario.tag + "-one", List.of());
        List<FuncResult> eight = byExecutor.getOrDefault(scenario.tag + "-eight", List.of());
        System.out.printf(
                "[%s] self-balancing: 1-slot node ran %d (high-water %d), 8-slot node ran %d (high-water %d)%n",
                mode(), one.size(), Concurrency.highWaterMark(one), eight.size(), Concurrency.highWaterMark(eight));
        assertThat(Concurrency.highWaterMark(one)).isLessThanOrEqualTo(1);
        assertThat(Concurrency.highWaterMark(eight)).isLessThanOrEqualTo(8);
        assertEightSlotNodeDoesMost(one.size(), eight.size());
    }

    /**
     * A node reads {@code fabric.calls.any} and its capability's topic; each of its slots must take calls of either.
     * The broker's share-group assignor pools the partitions of every topic when all members subscribe to the same
     * topics, so a lane that read both topics through one consumer could end up with partitions of
     * {@code fabric.calls.any} only: an 8-slot node ran at most 5 of its capability's calls at once.
     */
    @Test
    void everySlotOfANodeTakesCallsOfItsCapabilityTopic() {
        String topic = scenario.topic(scenario.tag);
        String nodeId = scenario.tag + "-node";
        scenario.executor(nodeId, 8);
        scenario.warmUp(topic, nodeId);
        List<String> names = IntStream.range(0, 80).mapToObj(i -> "s" + i).toList();
        scenario.produceAcrossPartitions(
                topic,
                names.stream()
                        .map(name -> scenario.call(name, "sleep", "{\"ms\": 1000}"))
                        .toList());

        await().atMost(RUN_BOUND)
                .until(() ->
                        names.stream().allMatch(name -> !scenario.results(name).isEmpty()));

        List<FuncResult> results = names.stream().map(scenario::result).toList();
        System.out.printf(
                "[%s] one 8-slot node, 80 calls of its capability topic: high-water %d%n",
                mode(), Concurrency.highWaterMark(results));
        assertThat(names).allSatisfy(name -> assertThat(scenario.results(name)).hasSize(1));
        assertThat(results).extracting(FuncResult::getState).containsOnly(CallState.FINISHED);
        assertThat(Concurrency.highWaterMark(results))
                .as("calls running at once on the 8-slot node")
                .isEqualTo(8);
    }

    /**
     * Share groups hand out records, so capacity decides: the 8-slot node does most of the work (measured
     * 136 to 191 of 200). Classic groups hand out partitions (see the classic IT).
     */
    void assertEightSlotNodeDoesMost(int oneSlot, int eightSlots) {
        assertThat(eightSlots).isGreaterThan(oneSlot);
    }

    /**
     * The bound is generous on purpose: the time itself (session timeout, then a free slot behind 3 s calls;
     * 5.9 to 20.5 s measured) is printed, not asserted. 40 s still fails a fabric that waits out the production
     * session timeout (45 s, then a 3 s call) or never redelivers.
     *
     * <p>Each call ends once, with one exception the fabric allows: a call the victim had finished, whose ACCEPT
     * (classic: offset commit) was still in its client when it died, is handed out again and runs a second time
     * (at-least-once; the router keeps the first result). Seen on 7 December at 500 ms share fetches: the victim
     * finished a call 3.9 s before the survivor ran it again; its ACCEPT waited in the client behind a fetch that had
     * brought the lane's next call (docs/architecture.md, "Acknowledgements"). The lane now sends such an ACCEPT a
     * second after its poll, so only a kill within that second reruns a finished call.
     */
    @Test
    void theCallsOfAKilledExecutorFinishOnAnotherOnce() {
        String topic = scenario.topic(scenario.tag);
        String victimId = scenario.tag + "-victim";
        String survivorId = scenario.tag + "-survivor";
        ChildJvm victim = scenario.executor(victimId, 4);
        // More calls than both have slots (the victim alone needs 45 s for them): it is surely running some when it
        // dies.
        List<String> names = IntStream.range(0, 60).mapToObj(i -> "k" + i).toList();
        List<FuncCall> calls = names.stream()
                .map(name -> scenario.call(name, "sleep", "{\"ms\": 3000}"))
                .toList();
        if (mode() == DispatchMode.SHARE) {
            // A share group hands out records one by one: with both nodes competing from the start, a node the group
            // had not yet given a partition of the topic got none of the calls while the other ran them all (once, on
            // a loaded CI machine). So the victim takes calls alone, and the survivor joins once it runs them: a
            // member joining moves no record another one holds. And the kill waits until the victim still runs some:
            // the survivor's warm-up calls queue behind the sleeps, and once (CI) the victim had finished its last
            // calls by the time one of them ran.
            scenario.warmUp(topic, victimId);
            scenario.produceAcrossPartitions(topic, calls);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> scenario.startedOn(names, victimId).size() >= 2);
            scenario.executor(survivorId, 8);
            scenario.warmUp(topic, survivorId);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !scenario.running(names, victimId).isEmpty());
        } else {
            // A classic group hands out partitions: a node joining later would take partitions the victim is working
            // on.
            scenario.executor(survivorId, 8);
            scenario.warmUp(topic, victimId, survivorId);
            scenario.produceAcrossPartitions(topic, calls);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> scenario.startedOn(names, victimId).size() >= 2);
        }

        victim.kill();
        Instant killed = Instant.now();
        List<String> orphans = scenario.running(names, victimId);

        await().atMost(Duration.ofSeconds(40))
                .until(() -> orphans.stream()
                        .allMatch(name -> !scenario.results(name).isEmpty()));
        System.out.printf(
                "[%s] kill -9: the victim's %d running calls (3 s each) all finished %d ms after the kill%n",
                mode(), orphans.size(), Duration.between(killed, Instant.now()).toMillis());
        await().atMost(RUN_BOUND)
                .until(() ->
                        names.stream().allMatch(name -> !scenario.results(name).isEmpty()));
        // Nothing reported twice but a call the victim finished and died before acknowledging, also a little later.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(names.stream()
                                .filter(name -> !endedOnce(scenario.results(name), victimId, killed))
                                .map(name -> name + " by "
                                        + scenario.results(name).stream()
                                                .map(r -> r.getExecutorId() + " " + r.getState() + " "
                                                        + r.getStartedAt() + " to " + r.getFinishedAt())
                                                .toList()))
                        .as("calls reported other than once (or than the victim's before the kill, then another's)")
                        .isEmpty());
        List<String> ranAgain = names.stream()
                .filter(name -> scenario.results(name).size() == 2)
                .toList();
        System.out.printf(
                "[%s] kill -9: %d calls the victim had finished ran again elsewhere: %s%n",
                mode(), ranAgain.size(), ranAgain);
        assertThat(orphans)
                .allSatisfy(name -> assertThat(scenario.result(name).getState()).isEqualTo(CallState.FINISHED));
        assertThat(scenario.rerunOn(orphans, survivorId))
                .as("the orphans run again on the survivor")
                .isNotEmpty();
    }

    /**
     * One result; or two when the first is the victim's, ended before the kill, and the second another node's,
     * started after it.
     */
    private static boolean endedOnce(List<FuncResult> results, String victimId, Instant killed) {
        if (results.size() == 1) {
            return true;
        }
        return results.size() == 2
                && results.get(0).getExecutorId().equals(victimId)
                && results.get(0).getFinishedAt().isBefore(killed)
                && !results.get(1).getExecutorId().equals(victimId)
                && results.get(1).getStartedAt().isAfter(killed);
    }

    @Test
    void poisonEndsFailedInTheDeadLetterTopicAndDoesNotHoldUpTheCallsBehindIt() {
        String topic = scenario.topic(scenario.tag);
        scenario.executor(scenario.tag + "-node", 4);
        scenario.produce(topic, scenario.call("warm-up", "echo", "{}"));
        await().atMost(RUN_BOUND).until(() -> scenario.result("warm-up") != null);

        scenario.send(topic, scenario.callId("garbage"), "not avro".getBytes(StandardCharsets.UTF_8));
        scenario.produce(topic, scenario.call("fails", "fail", "{\"message\": \"bad input\", \"retryable\": false}"));
        scenario.produce(
                topic,
                scenario.call(
                        "flaky", "fail", "{\"message\": \"flaky\", \"retryable\": true, \"retry\": {\"max\": 2}}"));
        List<String> behind = IntStream.range(0, 20).mapToObj(i -> "e" + i).toList();
        long producedAt = System.nanoTime();
        behind.forEach(name -> scenario.produce(topic, scenario.call(name, "echo", "{\"i\": 1}")));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> behind.stream().allMatch(name -> scenario.result(name) != null));
        System.out.printf(
                "[%s] poison: 20 calls behind two poison records finished within %d ms%n",
                mode(), (System.nanoTime() - producedAt) / 1_000_000);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> scenario.result("fails") != null
                        && scenario.result("flaky") != null
                        && !scenario.observer
                                .deadLetters(scenario.callId("garbage"))
                                .isEmpty()
                        && !scenario.observer
                                .deadLetters(scenario.callId("fails"))
                                .isEmpty()
                        && !scenario.observer
                                .deadLetters(scenario.callId("flaky"))
                                .isEmpty());

        FuncResult fails = scenario.result("fails");
        assertThat(fails.getState()).isEqualTo(CallState.FAILED);
        assertThat(fails.getError().getType()).isEqualTo("FunctionFailed");
        assertThat(fails.getError().getMessage()).isEqualTo("bad input");
        assertThat(scenario.observer
                        .deadLetters(scenario.callId("fails"))
                        .get(0)
                        .reason())
                .contains("FunctionFailed", "bad input");
        assertThat(scenario.observer
                        .deadLetters(scenario.callId("garbage"))
                        .get(0)
                        .reason())
                .contains("not in Confluent wire format");
        FuncResult flaky = scenario.result("flaky");
        assertThat(flaky.getState()).isEqualTo(CallState.FAILED);
        assertThat(flaky.getAttempt()).as("two retries after the first attempt").isEqualTo(2);
        assertThat(scenario.observer
                        .deadLetters(scenario.callId("flaky"))
                        .get(0)
                        .reason())
                .contains("retries exhausted");
        assertThat(scenario.results("fails")).hasSize(1);
    }

    /**
     * A caller with another partitioner (librdkafka's CRC32, an explicit partition) puts a call where its id does
     * not hash to. Its STARTED event and result must still land on the call's partition number: the router joins
     * them there.
     */
    @Test
    void aCallOnAPartitionItsIdDoesNotHashToHasItsEventsAndResultOnThatPartition() {
        String topic = scenario.topic(scenario.tag);
        scenario.executor(scenario.tag + "-node", 2);
        int elsewhere = (scenario.hashedPartition(topic, "elsewhere") + 1) % scenario.partitions(topic);

        // Longer than the executor's STARTED grace (DeferredStarts), so the call has an event as well as a result.
        scenario.produce(topic, elsewhere, scenario.call("elsewhere", "sleep", "{\"ms\": 500}"));

        await().atMost(RUN_BOUND).until(() -> scenario.result("elsewhere") != null);
        assertThat(scenario.result("elsewhere").getState()).isEqualTo(CallState.FINISHED);
        await().atMost(RUN_BOUND)
                .untilAsserted(() -> assertThat(scenario.observer.placements(scenario.callId("elsewhere")))
                        .contains(Topics.EVENTS + "-" + elsewhere, Topics.RESULTS + "-" + elsewhere)
                        .allSatisfy(placement -> assertThat(placement).endsWith("-" + elsewhere)));
    }
}
