package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.IdempotencyKeys;
import dev.computefabric.schemas.Topics;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import dev.computefabric.testing.SettableClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FabricCallsTest {

    private static final String REPLY_TOPIC = "fabric.replies.gw-test";

    /** Records what was published; each publish is acknowledged when the test says so. */
    private static final class RecordingPublisher implements CallPublisher {
        final List<String> topics = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<FuncCall> calls = new ArrayList<>();
        final List<CompletableFuture<Void>> acks = new ArrayList<>();

        @Override
        public CompletableFuture<Void> publish(String topic, String key, FuncCall call) {
            topics.add(topic);
            keys.add(key);
            calls.add(call);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            return ack;
        }

        void ackAll() {
            acks.forEach(ack -> ack.complete(null));
        }
    }

    private final SettableClock clock = new SettableClock(Instant.ofEpochSecond(1_700_000_000));
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final RecentCalls recent = new RecentCalls(100, 1 << 20);
    private final PendingReplies pending = new PendingReplies(clock);
    // Nothing listens on port 1: any attempt to store a table in S3 fails at once.
    private final TableStore unreachableStore = new TableStore(S3Settings.of("http://127.0.0.1:1"));
    private final CallTopics topics =
            (capset, priority) -> CompletableFuture.completedFuture(Topics.calls(capset, priority));

    private FabricCalls calls(int inlineLimitBytes) {
        return new FabricCalls(
                FunctionChecks.none(),
                new CallFactory(
                        new Tables(unreachableStore, inlineLimitBytes), REPLY_TOPIC, clock, Caching.Policy.DEFAULTS),
                new AcceptedCalls(topics, publisher, recent),
                new ResultWaits(recent, pending));
    }

    private final FabricCalls calls = calls(1024);

    @AfterEach
    void closeStore() {
        unreachableStore.close();
    }

    private static CallSubmission request(Capset capset, Optional<Duration> wait) {
        return new CallSubmission("echo", "{\"x\":1}", capset, Map.of(), null, 1, wait, Caching.POLICY);
    }

    @Test
    void publishesTheCallToItsCapabilityTopicAndAnswersOnceAcknowledged() {
        CompletableFuture<CallSnapshot> answer = calls.submit(new CallSubmission(
                        "echo",
                        "{\"x\":1}",
                        Capset.of("python", "gpu"),
                        Map.of(),
                        5_000L,
                        2,
                        Optional.empty(),
                        Caching.POLICY))
                .thenApply(Submitted::call);

        assertThat(answer).isNotDone();
        publisher.ackAll();

        CallSnapshot accepted = answer.join();
        assertThat(accepted.state()).isEqualTo(CallState.ACCEPTED);
        assertThat(publisher.topics).containsExactly("fabric.calls.gpu.python");
        FuncCall call = publisher.calls.get(0);
        assertThat(call.getCallId()).isEqualTo(accepted.callId());
        assertThat(call.getFunction()).isEqualTo("echo");
        assertThat(call.getArgs()).isEqualTo("{\"x\":1}");
        assertThat(call.getRequirements()).containsExactly("gpu", "python");
        assertThat(call.getReplyTo()).isEqualTo(REPLY_TOPIC);
        assertThat(call.getSubmittedAt()).isEqualTo(clock.instant());
        assertThat(call.getTimeoutMs()).isEqualTo(5_000L);
        assertThat(call.getSlots()).isEqualTo(2);
        assertThat(recent.find(accepted.callId())).isPresent();
    }

    /**
     * The router writes a call's end to fabric.status and to its reply topic; this gateway may read the status first.
     * The end must still be handed on once, by the reply: a caller's quota freed, its output tables granted.
     */
    @Test
    void anEndReadFromTheStatusBeforeItsReplyIsHandedOnOnceByTheReply() {
        List<FuncResult> ended = new ArrayList<>();
        CallGuard guard = new CallGuard() {
            @Override
            public Pass admit(CallSubmission admitted) {
                return Pass.NONE;
            }

            @Override
            public void ended(FuncResult result) {
                ended.add(result);
            }
        };
        FabricCalls guarded = new FabricCalls(
                FunctionChecks.none(),
                new CallFactory(new Tables(unreachableStore, 1024), REPLY_TOPIC, clock, Caching.Policy.DEFAULTS),
                new AcceptedCalls(topics, publisher, recent),
                new ResultWaits(recent, pending),
                guard);
        CompletableFuture<Submitted> submitted = guarded.submit(request(Capset.of(), Optional.empty()));
        publisher.ackAll();
        String callId = submitted.join().call().callId();
        FuncResult result = finished(callId, "{}");
        new StatusUpdates(new RecentCalls(10, 1 << 20), recent, pending, new CallWatchers())
                .onStatus(
                        callId,
                        CallStatus.newBuilder()
                                .setCallId(callId)
                                .setFunction("echo")
                                .setState(CallState.FINISHED)
                                .setCapset("any")
                                .setSubmittedAt(clock.instant())
                                .setUpdatedAt(clock.instant())
                                .setResult(result)
                                .build());

        guarded.onReply(result);
        guarded.onReply(result);

        assertThat(ended).extracting(FuncResult::getCallId).containsExactly(callId);
    }

    @Test
    void theSameIdempotencyKeyAgainAnswersForTheFirstCallAndPublishesNothing() {
        CallSubmission first = request(Capset.of(), Optional.empty()).withIdempotencyKey("order-4711");
        CompletableFuture<Submitted> accepted = calls.submit(first);
        publisher.ackAll();
        String callId = accepted.join().call().callId();

        Submitted retry = calls.submit(first).join();

        assertThat(callId).isEqualTo(IdempotencyKeys.callId("order-4711"));
        assertThat(retry.call().callId()).isEqualTo(callId);
        assertThat(publisher.calls).extracting(FuncCall::getCallId).containsExactly(callId);
    }

    @Test
    void anotherPrincipalsSameIdempotencyKeyNamesAnotherCall() {
        CallSubmission alices = request(Capset.of(), Optional.empty())
                .withIdempotencyKey("order-4711")
                .withCaller(new Caller("alice", Set.of()));
        CompletableFuture<Submitted> first = calls.submit(alices);
        publisher.ackAll();
        String alicesCall = first.join().call().callId();

        CompletableFuture<Submitted> second = calls.submit(alices.withCaller(new Caller("bob", Set.of())));
        publisher.ackAll();

        assertThat(second.join().call().callId()).isNotEqualTo(alicesCall);
        assertThat(publisher.calls).extracting(FuncCall::getCaller).containsExactly("alice", "bob");
    }

    @Test
    void anAuthenticatedHighCallGoesToItsLevelsTopicWithItsCallerAndItsKeyStaysTheCallersOwn() {
        CallSubmission alices = request(Capset.of("gpu"), Optional.empty())
                .withPriority(Priority.HIGH)
                .withIdempotencyKey("order-4711")
                .withCaller(new Caller("alice", Set.of()));
        CompletableFuture<Submitted> first = calls.submit(alices);
        publisher.ackAll();
        String callId = first.join().call().callId();

        Submitted again = calls.submit(alices).join();

        assertThat(callId).isEqualTo(IdempotencyKeys.callId("order-4711", "alice"));
        assertThat(again.call().callId()).isEqualTo(callId);
        assertThat(publisher.topics).containsExactly(Topics.calls(Capset.of("gpu"), Priority.HIGH));
        assertThat(publisher.calls).singleElement().satisfies(call -> {
            assertThat(call.getCaller()).isEqualTo("alice");
            assertThat(call.getPriority()).isEqualTo(Priority.HIGH);
        });
    }

    @Test
    void anIdempotencyKeySentAgainWithAnotherFunctionIsRefused() {
        calls.submit(request(Capset.of(), Optional.empty()).withIdempotencyKey("order-4711"));
        publisher.ackAll();
        CallSubmission other = new CallSubmission(
                        "sleep", "{\"ms\":1}", Capset.of(), Map.of(), null, 1, Optional.empty(), Caching.POLICY)
                .withIdempotencyKey("order-4711");

        assertThatThrownBy(() -> calls.submit(other).join())
                .hasCauseInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("first sent with a call to 'echo'");
        assertThat(publisher.calls).hasSize(1);
    }

    @Test
    void smallTablesTravelInline() {
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        calls.submit(new CallSubmission(
                "table.describe",
                "{}",
                Capset.of(),
                Map.of("input", new TableInput(TableFormat.CSV, csv)),
                null,
                1,
                Optional.empty(),
                Caching.POLICY));

        assertThat(publisher.calls.get(0).getTables().get("input").getData()).isEqualTo(ByteBuffer.wrap(csv));
    }

    @Test
    void aTableThatCannotBeStoredMeansTheFabricIsUnavailable() {
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        CallSubmission request = new CallSubmission(
                "table.describe",
                "{}",
                Capset.of(),
                Map.of("input", new TableInput(TableFormat.CSV, csv)),
                null,
                1,
                Optional.empty(),
                Caching.POLICY);

        assertThatThrownBy(() -> calls(0).submit(request).join())
                .cause()
                .isInstanceOf(FabricUnavailableException.class)
                .hasMessageContaining("store input table 'input'")
                .hasMessageContaining("table storage (S3) is unavailable");
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void withAWaitTheAnswerIsTheResult() {
        CompletableFuture<CallSnapshot> answer = calls.submit(request(Capset.of(), Optional.of(Duration.ofSeconds(30))))
                .thenApply(Submitted::call);
        publisher.ackAll();
        String callId = publisher.calls.get(0).getCallId();
        assertThat(answer).isNotDone();

        calls.onReply(finished(callId, "{\"echo\":1}"));

        CallSnapshot done = answer.join();
        assertThat(done.state()).isEqualTo(CallState.FINISHED);
        assertThat(done.result().getOutput()).isEqualTo("{\"echo\":1}");
    }

    @Test
    void aResultThatRacedTheAcknowledgementIsNotMissed() {
        CompletableFuture<CallSnapshot> answer = calls.submit(request(Capset.of(), Optional.of(Duration.ofSeconds(30))))
                .thenApply(Submitted::call);
        String callId = publisher.calls.get(0).getCallId();

        calls.onReply(finished(callId, "{}"));
        publisher.ackAll();

        assertThat(answer.join().state()).isEqualTo(CallState.FINISHED);
        assertThat(pending.size()).isZero();
    }

    @Test
    void whenTheWaitPassesTheAnswerIsTheCurrentState() {
        CompletableFuture<CallSnapshot> answer = calls.submit(request(Capset.of(), Optional.of(Duration.ofSeconds(2))))
                .thenApply(Submitted::call);
        publisher.ackAll();

        clock.advance(Duration.ofSeconds(2));
        pending.expireDue();

        assertThat(answer.join().state()).isEqualTo(CallState.ACCEPTED);
    }

    @Test
    void aGetWithWaitIsAnsweredByTheResult() {
        calls.submit(request(Capset.of(), Optional.empty()));
        publisher.ackAll();
        String callId = publisher.calls.get(0).getCallId();

        CompletableFuture<CallSnapshot> get = calls.find(callId, Optional.of(Duration.ofSeconds(10)));
        assertThat(get).isNotDone();
        calls.onReply(finished(callId, "{}"));

        assertThat(get.join().state()).isEqualTo(CallState.FINISHED);
        assertThat(calls.find(callId, Optional.of(Duration.ofSeconds(10)))).isCompleted();
    }

    @Test
    void anUnknownCallIsNotFound() {
        assertThatThrownBy(() -> calls.find("nope", Optional.empty()).join())
                .hasCauseInstanceOf(CallNotFoundException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void aRefusedWriteIsAnUnavailableFabricAndTheCallIsForgotten() {
        CompletableFuture<CallSnapshot> answer =
                calls.submit(request(Capset.of(), Optional.empty())).thenApply(Submitted::call);
        String callId = publisher.calls.get(0).getCallId();

        publisher
                .acks
                .get(0)
                .completeExceptionally(new TimeoutException("Topic fabric.calls.any not present in metadata"));

        assertThatThrownBy(answer::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(FabricUnavailableException.class)
                .hasMessageContaining("Kafka is unavailable");
        assertThat(recent.find(callId)).isEmpty();
    }

    @Test
    void aCallTooLargeForKafkaIsTheClientsToFix() {
        CompletableFuture<CallSnapshot> answer =
                calls.submit(request(Capset.of(), Optional.empty())).thenApply(Submitted::call);

        publisher.acks.get(0).completeExceptionally(new RecordTooLargeException("The message is 2000000 bytes"));

        assertThatThrownBy(answer::join)
                .cause()
                .isInstanceOf(CallTooLargeException.class)
                .hasMessageContaining("send large data as a table");
    }

    @Test
    void aSecondResultForATerminalCallChangesNothing() {
        calls.submit(request(Capset.of(), Optional.empty()));
        publisher.ackAll();
        String callId = publisher.calls.get(0).getCallId();

        calls.onReply(finished(callId, "1"));
        calls.onReply(finished(callId, "2"));

        assertThat(recent.find(callId).orElseThrow().result().getOutput()).isEqualTo("1");
    }

    @Test
    void aCallThatAsksForCachingGoesToTheRouterKeyedByItsCacheKey() {
        calls.submit(new CallSubmission(
                "echo",
                "{\"b\":2,\"a\":1}",
                Capset.of("python"),
                Map.of(),
                null,
                1,
                Optional.empty(),
                Caching.on(Duration.ofSeconds(30))));
        calls.submit(new CallSubmission(
                "echo",
                "{\"a\":1,\"b\":2}",
                Capset.of("python"),
                Map.of(),
                null,
                1,
                Optional.empty(),
                Caching.on(null)));

        assertThat(publisher.topics).containsExactly(Topics.CACHE_REQUESTS, Topics.CACHE_REQUESTS);
        FuncCall first = publisher.calls.get(0);
        assertThat(publisher.keys.get(0)).isEqualTo(first.getCacheKey()).hasSize(64);
        assertThat(first.getCacheTtlMs()).isEqualTo(30_000L);
        assertThat(first.getRequirements()).containsExactly("python");
        FuncCall second = publisher.calls.get(1);
        assertThat(second.getCacheKey())
                .as("same function, same arguments in another order")
                .isEqualTo(first.getCacheKey());
        assertThat(second.getCacheTtlMs()).isEqualTo(Caching.Policy.DEFAULT_TTL.toMillis());
    }

    @Test
    void callsThatDoNotAskAreNotCachedUnlessThePolicySaysSo() {
        calls.submit(request(Capset.of(), Optional.empty()));
        calls.submit(new CallSubmission("echo", "{}", Capset.of(), Map.of(), null, 1, Optional.empty(), Caching.OFF));

        assertThat(publisher.topics).containsExactly("fabric.calls.any", "fabric.calls.any");
        assertThat(publisher.calls)
                .allSatisfy(call -> assertThat(call.getCacheKey()).isNull());
        assertThat(publisher.keys)
                .containsExactly(
                        publisher.calls.get(0).getCallId(),
                        publisher.calls.get(1).getCallId());
    }
}
