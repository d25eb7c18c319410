package dev.computefabric.gateway.calls;

import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * {@code DELETE /v1/calls/{id}}: publishes a CANCEL to {@code fabric.control}. The router ends the call
 * (CANCELLED, replied to its caller) and executors stop it if it runs. Any gateway can cancel any call it can
 * find, also one accepted elsewhere.
 */
public final class Cancellations {

    /** {@code requestedBy} of commands from this gateway, until callers are authenticated. */
    public static final String REQUESTED_BY_PREFIX = "gateway:";

    private final CallLookup lookup;
    private final SecondLook secondLook;
    private final ControlPublisher publisher;
    private final Calls calls;
    private final String gatewayId;
    private final Clock clock;

    /**
     * @param lookup     where calls are found by id
     * @param secondLook how a call {@code lookup} does not know is looked for again before the cancel is refused
     */
    public Cancellations(
            CallLookup lookup,
            SecondLook secondLook,
            ControlPublisher publisher,
            Calls calls,
            String gatewayId,
            Clock clock) {
        this.lookup = lookup;
        this.secondLook = secondLook;
        this.publisher = publisher;
        this.calls = calls;
        this.gatewayId = gatewayId;
        this.clock = clock;
    }

    /** A CANCEL of {@code id} (a call's, or a pipeline's on its own control topic), requested now by {@code by}. */
    public static ControlCommand cancel(String id, String by, Clock clock) {
        return ControlCommand.newBuilder()
                .setCallId(id)
                .setType(ControlType.CANCEL)
                .setAt(clock.instant())
                .setRequestedBy(by)
                .build();
    }

    /**
     * Requests the cancel once the broker acknowledged it; with a wait, completes when the call is terminal
     * (CANCELLED, or whatever ended it first) or the wait passed. Fails with {@link CallNotFoundException} when the
     * call is unknown here, also at a second look, and with {@link CallAlreadyEndedException} when it is terminal.
     */
    public CompletableFuture<CallSnapshot> cancel(String callId, Optional<Duration> wait) {
        return secondLook.require(callId, lookup::find).thenCompose(known -> cancel(known, wait));
    }

    private CompletableFuture<CallSnapshot> cancel(CallSnapshot known, Optional<Duration> wait) {
        String callId = known.callId();
        if (known.isTerminal()) {
            throw new CallAlreadyEndedException(callId, known.state());
        }
        ControlCommand command = cancel(callId, REQUESTED_BY_PREFIX + gatewayId, clock);
        // The router holds the call in the task of the partition it was read from; a producer of the call that
        // did not hash its id like Java put it elsewhere, and its status says where.
        OptionalInt partition = known.partition() == null ? OptionalInt.empty() : OptionalInt.of(known.partition());
        return publisher
                .publish(command, partition)
                .handle((acked, failure) -> {
                    if (failure != null) {
                        throw Failures.of("request the cancel of call " + callId, failure);
                    }
                    return acked;
                })
                .thenCompose(acked -> calls.find(callId, wait));
    }
}
