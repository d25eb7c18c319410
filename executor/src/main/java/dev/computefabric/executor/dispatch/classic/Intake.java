package dev.computefabric.executor.dispatch.classic;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.DeadLetters;
import dev.computefabric.executor.dispatch.Decoded;
import dev.computefabric.executor.dispatch.NodeParts;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.run.Results;
import dev.computefabric.executor.run.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes records from the head of the backlog while they can be dealt with: a call that fits in the free
 * slots starts; a call the {@link Admission} refuses is answered FAILED at once; a record that is not a call
 * goes to the dead-letter topic. A record counts as finished (its offset may be committed) only once the
 * broker has its result or dead letter.
 */
final class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final NodeParts node;
    private final Admission admission;
    private final Completions completions;
    private final Duration retryBackoff;
    private Instant decodeAgainAt = Instant.MIN;

    /**
     * @param completions  where a record goes once it is finished, for its offset to be committed
     * @param retryBackoff how long a record waits before it is decoded again while the schema registry is unreachable
     */
    Intake(NodeParts node, Completions completions, Duration retryBackoff) {
        this.node = node;
        this.admission =
                Admission.withoutDeliveryLimit(node.executorId(), node.slots().capacity());
        this.completions = completions;
        this.retryBackoff = retryBackoff;
    }

    /** Deals with backlog records in order until the head has to wait (for slots, or for the registry). */
    void admit(Backlog backlog) {
        while (!backlog.isEmpty()) {
            PendingCall head = backlog.peek();
            Decoded decoded = decode(head);
            if (decoded == null || !take(head, decoded)) {
                return;
            }
            backlog.poll();
        }
    }

    /** The head's decoding, or null while the registry is unreachable and the retry backoff runs. */
    private Decoded decode(PendingCall head) {
        if (head.decoded() != null) {
            return head.decoded();
        }
        Instant now = node.clock().instant();
        if (now.isBefore(decodeAgainAt)) {
            return null;
        }
        Decoded decoded = node.decoder().decode(head.record());
        if (decoded instanceof Decoded.Unavailable unavailable) {
            // Not the record's fault: keep it at the head (consumption stays paused) and try again later.
            if (decodeAgainAt == Instant.MIN) {
                log.warn("cannot decode calls, retrying every {}: {}", retryBackoff, unavailable.reason());
            }
            decodeAgainAt = now.plus(retryBackoff);
            return null;
        }
        if (decodeAgainAt != Instant.MIN) {
            log.info("decoding calls again");
            decodeAgainAt = Instant.MIN;
        }
        head.decoded(decoded);
        return decoded;
    }

    /** True when the head was dealt with; false when it waits for slots. */
    private boolean take(PendingCall head, Decoded decoded) {
        if (decoded instanceof Decoded.Poison poison) {
            deadLetter(head, poison.reason());
            return true;
        }
        FuncCall call = ((Decoded.Call) decoded).call();
        Optional<Admission.Refusal> refusal = admission.refusal(call, Admission.deliveries(head.record()));
        if (refusal.isPresent()) {
            refuse(head, call, refusal.get());
            return true;
        }
        if (!node.slots().tryAcquire(call.getSlots())) {
            return false;
        }
        node.workers().start(call, settlement -> settled(head, settlement));
        return true;
    }

    private void settled(PendingCall head, Settlement settlement) {
        if (settlement instanceof Settlement.Published published) {
            if (DeadLetters.needed(published.result())) {
                // A failed call is finished once its dead letter is written too (or could not be: the result counts).
                node.publisher()
                        .deadLetter(DeadLetters.ofFailed(head.record(), published.result(), node.executorId()))
                        .whenComplete((ok, error) -> completions.add(head.ticket()));
            } else {
                completions.add(head.ticket());
            }
        } else if (settlement instanceof Settlement.Unpublished unpublished) {
            // The offset stays uncommitted, so the call runs again after a rebalance or restart.
            log.error(
                    "result of call {} was not written to the broker; the call will run again: {}",
                    settlement.call().getCallId(),
                    unpublished.error().toString());
        } else {
            log.info(
                    "call {} abandoned ({}); it will run again",
                    settlement.call().getCallId(),
                    ((Settlement.Abandoned) settlement).reason());
        }
    }

    private void refuse(PendingCall head, FuncCall call, Admission.Refusal refusal) {
        log.info("refusing call {} ({}): {}", call.getCallId(), call.getFunction(), refusal.message());
        var failed = Results.refused(
                call,
                node.executorId(),
                refusal.kind(),
                refusal.message(),
                node.clock().instant());
        FabricPublisher publisher = node.publisher();
        CompletableFuture<Void> sent = publisher
                .publish(failed)
                .thenCompose(
                        ok -> publisher.deadLetter(DeadLetters.ofFailed(head.record(), failed, node.executorId())));
        finishWhenWritten(head, sent, "FAILED result of call " + call.getCallId());
    }

    private void deadLetter(PendingCall head, String reason) {
        log.warn(
                "record {}-{}@{} is not a call, sending it to the dead-letter topic: {}",
                head.record().topic(),
                head.record().partition(),
                head.record().offset(),
                reason);
        finishWhenWritten(
                head,
                node.publisher().deadLetter(DeadLetters.of(head.record(), reason, node.executorId())),
                "dead letter");
    }

    private void finishWhenWritten(PendingCall head, CompletableFuture<Void> sent, String what) {
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                completions.add(head.ticket());
            } else {
                log.error("{} was not written; the record will be read again: {}", what, error.toString());
            }
        });
    }
}
