package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.DeadLetters;
import dev.computefabric.executor.dispatch.NodeParts;
import dev.computefabric.executor.run.Results;
import dev.computefabric.executor.run.Settlement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on a lane's record: ACCEPT once the broker has the call's result (and, for a FAILED call,
 * its dead letter), REJECT once a poison record is in the dead-letter topic, RELEASE when the call did not
 * finish here (drain, an unwritten result) so another executor runs it.
 */
final class CallSettler {

    private static final Logger log = LoggerFactory.getLogger(CallSettler.class);

    /** Acknowledges a record and waits until the broker confirmed it; false when it was refused or not held. */
    @FunctionalInterface
    interface Settle {
        boolean settle(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type);
    }

    private final LaneContext ctx;
    private final NodeParts node;
    private final Settle acks;

    CallSettler(LaneContext ctx, Settle acks) {
        this.ctx = ctx;
        this.node = ctx.node();
        this.acks = acks;
    }

    /**
     * What to acknowledge a started call's record with, once its result (and, for a FAILED call, its dead
     * letter) is written: ACCEPT; RELEASE when it did not finish here, so that another executor runs it.
     */
    AcknowledgeType outcome(ConsumerRecord<byte[], byte[]> record, Settlement settlement) {
        if (settlement instanceof Settlement.Published published) {
            if (DeadLetters.needed(published.result())
                    && !written(
                            node.publisher()
                                    .deadLetter(DeadLetters.ofFailed(record, published.result(), node.executorId())),
                            "dead letter of " + published.call().getCallId())) {
                // Accepted all the same: its FAILED result is what callers see.
                log.warn(
                        "accepting failed call {} without its dead letter",
                        published.call().getCallId());
            }
            return AcknowledgeType.ACCEPT;
        }
        if (settlement instanceof Settlement.Unpublished unpublished) {
            log.error(
                    "result of call {} was not written to the broker; releasing it to run again: {}",
                    settlement.call().getCallId(),
                    unpublished.error().toString());
        } else {
            log.info(
                    "call {} abandoned ({}); releasing it to run again",
                    settlement.call().getCallId(),
                    ((Settlement.Abandoned) settlement).reason());
        }
        return AcknowledgeType.RELEASE;
    }

    /** A record that is not a call: to the dead-letter topic, then REJECT (never delivered again). */
    void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn("record {} is not a call, sending it to the dead-letter topic: {}", Acks.coordinates(record), reason);
        if (written(node.publisher().deadLetter(DeadLetters.of(record, reason, node.executorId())), "dead letter")) {
            acks.settle(record, AcknowledgeType.REJECT);
        } else {
            acks.settle(record, AcknowledgeType.RELEASE);
        }
    }

    /** A call that will not run: FAILED result and dead letter, then REJECT. */
    void refuse(ConsumerRecord<byte[], byte[]> record, FuncCall call, Admission.Refusal refusal) {
        log.info("refusing call {} ({}): {}", call.getCallId(), call.getFunction(), refusal.message());
        FuncResult failed = Results.refused(
                call,
                node.executorId(),
                refusal.kind(),
                refusal.message(),
                node.clock().instant());
        boolean resulted = written(node.publisher().publish(failed), "FAILED result of call " + call.getCallId());
        written(
                node.publisher().deadLetter(DeadLetters.ofFailed(record, failed, node.executorId())),
                "dead letter of " + call.getCallId());
        acks.settle(record, resulted ? AcknowledgeType.REJECT : AcknowledgeType.RELEASE);
    }

    private boolean written(CompletableFuture<Void> sent, String what) {
        try {
            sent.get(ctx.options().ackTimeout().toMillis() * 6, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.error("{} was not written: {}", what, e.toString());
            return false;
        }
    }
}
