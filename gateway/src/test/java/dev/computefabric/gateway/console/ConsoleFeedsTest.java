package dev.computefabric.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.gateway.calls.HeapBudget;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change stream, the throughput series, the executors and the log lines. */
class ConsoleFeedsTest {

    static {
        SpecificRecords.trustGeneratedClasses();
    }

    @Test
    void theChangeStreamSendsTheNewestVersionOfEachMatchingRowAndRowsThatLeaveTheFilter() {
        ChangeFeed feed = new ChangeFeed();
        CallIndex index = new CallIndex(100, HeapBudget.MAX_DEFAULT_BYTES, List.of(feed));
        List<ChangeFeed.Batch> batches = new ArrayList<>();
        feed.subscribe(CallQuery.parse("ACCEPTED,RUNNING", null, null, null, null, null)::matches, batches::add);

        index.onStatus("a", Statuses.of("a", 1).build());
        index.onStatus("a", Statuses.of("a", 1).running("exec-1", 2).build());
        index.onStatus(
                "b", Statuses.of("b", 2).ended(CallState.FAILED, "exec-1", 2, 3).build());
        feed.flush();
        index.onStatus(
                "a",
                Statuses.of("a", 1).ended(CallState.FINISHED, "exec-1", 2, 4).build());
        feed.flush();
        feed.flush();

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).rows())
                .extracting(CallRow::callId, CallRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", CallState.RUNNING));
        assertThat(batches.get(1).rows())
                .extracting(CallRow::state)
                .as("left the filter: sent so the client drops it")
                .containsExactly(CallState.FINISHED);
    }

    @Test
    void aSubscriberWhoseSinkFailsIsDroppedAndTheOthersGoOnGettingChanges() {
        ChangeFeed feed = new ChangeFeed();
        CallIndex index = new CallIndex(100, HeapBudget.MAX_DEFAULT_BYTES, List.of(feed));
        feed.subscribe(row -> true, batch -> {
            throw new IllegalArgumentException("a row this sink cannot write");
        });
        List<ChangeFeed.Batch> batches = new ArrayList<>();
        feed.subscribe(row -> true, batches::add);

        index.onStatus("a", Statuses.of("a", 1).build());
        feed.flush();
        index.onStatus("b", Statuses.of("b", 2).build());
        feed.flush();

        assertThat(feed.subscribers()).isEqualTo(1);
        assertThat(batches).extracting(batch -> batch.rows().get(0).callId()).containsExactly("a", "b");
    }

    @Test
    void aSubscriberTooFarBehindIsToldToReload() {
        ChangeFeed feed = new ChangeFeed();
        CallIndex index = new CallIndex(ChangeFeed.MAX_PENDING * 2, HeapBudget.MAX_DEFAULT_BYTES, List.of(feed));
        List<ChangeFeed.Batch> batches = new ArrayList<>();
        feed.subscribe(row -> true, batches::add);

        for (int i = 0; i <= ChangeFeed.MAX_PENDING; i++) {
            index.onStatus("c" + i, Statuses.of("c" + i, i).build());
        }
        feed.flush();

        assertThat(batches).singleElement().satisfies(batch -> {
            assertThat(batch.reset()).isTrue();
            assertThat(batch.rows()).isEmpty();
        });
    }

    @Test
    void endedCallsCountOncePerSecondOfTheirEndAndQueuedCallsPerSample() {
        SettableClock clock = new SettableClock(Statuses.T0.plusSeconds(60));
        Throughput throughput = new Throughput(clock);
        CallIndex index = new CallIndex(100, HeapBudget.MAX_DEFAULT_BYTES, List.of(throughput::onChange));

        index.onStatus(
                "a", Statuses.of("a", 1).ended(CallState.FINISHED, "e", 1, 58).build());
        index.onStatus(
                "a", Statuses.of("a", 1).ended(CallState.FINISHED, "e", 1, 58).build());
        index.onStatus(
                "b", Statuses.of("b", 1).ended(CallState.FAILED, "e", 1, 59).build());
        index.onStatus("q", Statuses.of("q", 2).capset("gpu").build());
        throughput.sample(index.queuedByCapset());

        Throughput.Series series = throughput.series();
        int last = Throughput.SECONDS - 1;
        assertThat(series.start())
                .isEqualTo(Statuses.T0.plusSeconds(60).minus(Throughput.WINDOW).plusSeconds(1));
        assertThat(series.ended().get("FINISHED")[last - 2]).isEqualTo(1);
        assertThat(series.ended().get("FAILED")[last - 1]).isEqualTo(1);
        assertThat(series.queued().get("gpu")[last]).isEqualTo(1);
    }

    @Test
    void executorsDisappearOnTheirTombstoneOrWhenTheirPresenceGrowsStale() {
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ExecutorDirectory directory = new ExecutorDirectory(clock, Duration.ofSeconds(15));
        directory.onStatus("e1", presence("e1", clock.instant()));
        directory.onStatus("e2", presence("e2", clock.instant()));
        directory.onStatus("e3", presence("e3", clock.instant().plusSeconds(10)));

        directory.onStatus("e1", null);
        clock.advance(Duration.ofSeconds(16));

        assertThat(directory.live()).extracting(ExecutorStatus::getExecutorId).containsExactly("e3");
    }

    @Test
    void logLinesAreKeptPerCallAndFollowersGetEachLineOnce() {
        CallLogs logs = new CallLogs(2, 10);
        logs.onEvent(line("c1", "one"));
        logs.onEvent(line("c1", "two"));
        List<String> live = new ArrayList<>();
        CallLogs.Following following = logs.follow("c1", line -> live.add(line.text()));
        logs.onEvent(line("c1", "three"));
        logs.onEvent(CallEvent.newBuilder(line("c1", "progress"))
                .setType(CallEventType.PROGRESS)
                .build());

        assertThat(following.recent()).extracting(CallLogs.Line::text).containsExactly("one", "two");
        assertThat(live).containsExactly("three");
        assertThat(logs.recent("c1")).extracting(CallLogs.Line::text).containsExactly("two", "three");
    }

    private static ExecutorStatus presence(String id, Instant at) {
        return ExecutorStatus.newBuilder()
                .setExecutorId(id)
                .setHost("h")
                .setVersion("v")
                .setCapabilities(List.of())
                .setFunctions(List.of("echo"))
                .setSlots(4)
                .setBusy(1)
                .setUpdatedAt(at)
                .build();
    }

    private static CallEvent line(String callId, String text) {
        return CallEvent.newBuilder()
                .setCallId(callId)
                .setType(CallEventType.LOG)
                .setExecutorId("e1")
                .setAt(Instant.EPOCH)
                .setMessage(text)
                .build();
    }
}
