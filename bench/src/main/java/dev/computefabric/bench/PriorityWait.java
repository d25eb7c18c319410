package dev.computefabric.bench;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code priority}: a backlog of NORMAL sleeps, and probe calls submitted behind it, one at a time while the backlog
 * is still queued. Measured twice on the same fabric: the probes as NORMAL calls (no priority: they queue behind
 * the backlog), then as HIGH calls. The figure is each probe's wait, from its submission to its start on an
 * executor ({@code FuncResult.startedAt}; bench and executors share the machine's clock).
 *
 * <p>Over Kafka with the Java SDK ({@link KafkaSubmitter}): the HTTP answer carries no start time.
 */
final class PriorityWait {

    static final int DEFAULT_BACKLOG = 1_000;
    static final int PROBES = 20;
    /** Probes go out this far apart, so each one meets the backlog alone rather than the other probes. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    private static final int WARMUP_CALLS = 200;
    private static final int WARMUP_IN_FLIGHT = 16;
    /** HIGH calls before measuring: the first creates the HIGH topic, which executors find within seconds. */
    private static final int WARMUP_HIGH_CALLS = 20;

    private final Target target;
    private final int backlog;
    private final long sleepMs;

    PriorityWait(Target target, int backlog, long sleepMs) {
        this.target = target;
        this.backlog = backlog;
        this.sleepMs = sleepMs;
    }

    /** The probes' waits without priority and with it. */
    record Round(Latencies.Summary waits, double backlogSeconds, double slotMs) {}

    PriorityReport run() throws Exception {
        if (target.registryUrl() == null) {
            throw new IllegalArgumentException(
                    "priority submits over Kafka: it needs the fabric's registry (--registry)");
        }
        KafkaSubmitterOptions defaults = KafkaSubmitterOptions.of(target.bootstrap(), target.registryUrl());
        try (KafkaSubmitter submitter = KafkaSubmitter.start(
                new KafkaSubmitterOptions(target.bootstrap(), target.registryUrl(), defaults.replyTopic(), TIMEOUT))) {
            Load.closedLoop(WARMUP_CALLS, WARMUP_IN_FLIGHT, () -> finished(submitter, "echo", "{}", Priority.NORMAL));
            for (int i = 0; i < WARMUP_HIGH_CALLS; i++) {
                finished(submitter, "echo", "{}", Priority.HIGH).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            Round without = round(submitter, Priority.NORMAL);
            Round with = round(submitter, Priority.HIGH);
            return new PriorityReport(backlog, PROBES, sleepMs, target.capacity(), without, with);
        }
    }

    private Round round(KafkaSubmitter submitter, Priority probeLevel) throws Exception {
        String args = "{\"ms\":" + sleepMs + "}";
        long started = System.nanoTime();
        List<CompletableFuture<FuncResult>> queued = new ArrayList<>(backlog);
        for (int i = 0; i < backlog; i++) {
            queued.add(finished(submitter, "sleep", args, Priority.NORMAL));
        }
        List<Long> submittedAt = new ArrayList<>();
        List<CompletableFuture<FuncResult>> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            submittedAt.add(System.currentTimeMillis());
            probes.add(finished(submitter, "sleep", args, probeLevel));
            Thread.sleep(PROBE_INTERVAL.toMillis());
        }
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        double backlogSeconds = (System.nanoTime() - started) / 1e9;
        Latencies waits = new Latencies();
        for (int i = 0; i < PROBES; i++) {
            FuncResult probe = probes.get(i).join();
            waits.record(TimeUnit.MILLISECONDS.toNanos(probe.getStartedAt().toEpochMilli() - submittedAt.get(i)));
        }
        waits.addSeconds(backlogSeconds);
        Latencies slot = new Latencies();
        for (CompletableFuture<FuncResult> call : queued) {
            FuncResult result = call.join();
            slot.record(TimeUnit.MILLISECONDS.toNanos(result.getFinishedAt().toEpochMilli()
                    - result.getStartedAt().toEpochMilli()));
        }
        return new Round(waits.summarize(), backlogSeconds, slot.summarize().p50Ms());
    }

    private static CompletableFuture<FuncResult> finished(
            KafkaSubmitter submitter, String function, String args, Priority priority) {
        return submitter.submit(function, args, List.of(), priority).thenApply(result -> {
            if (result.getStartedAt() == null) {
                throw new IllegalStateException(
                        "call " + result.getCallId() + " did not run: " + result.getState() + " " + result.getError());
            }
            return result;
        });
    }
}
