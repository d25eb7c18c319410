package dev.computefabric.executor.dispatch;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.ErrorKind;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Whether a decoded call may ever run on this node: the one rule both dispatchers apply before they look
 * for free slots. A refused call is answered FAILED and dead-lettered; an admitted one waits for
 * {@code FuncCall.slots} free slots.
 *
 * @param executorId    named in refusals, so the caller knows which node said no
 * @param capacity      the node's slots in total
 * @param maxDeliveries a call delivered this often is refused: the broker would archive it silently after its
 *                      {@code share.delivery.count.limit}; {@link #NO_DELIVERY_LIMIT} where deliveries are not
 *                      counted (classic groups)
 */
public record Admission(String executorId, int capacity, int maxDeliveries) {

    public static final int NO_DELIVERY_LIMIT = Integer.MAX_VALUE;

    /** Why a call never runs here: the error its FAILED result carries. */
    public record Refusal(ErrorKind kind, String message) {}

    public Admission {
        if (capacity < 1 || maxDeliveries < 1) {
            throw new IllegalArgumentException(
                    "capacity and maxDeliveries must be >= 1, got " + capacity + " and " + maxDeliveries);
        }
    }

    /** For dispatch where the broker does not count deliveries. */
    public static Admission withoutDeliveryLimit(String executorId, int capacity) {
        return new Admission(executorId, capacity, NO_DELIVERY_LIMIT);
    }

    /** Why {@code call}, delivered {@code deliveries} times, must not run here; empty when it may. */
    public Optional<Refusal> refusal(FuncCall call, int deliveries) {
        if (deliveries >= maxDeliveries) {
            return refuse(
                    ErrorKind.DELIVERY_LIMIT,
                    "the call was delivered " + deliveries + " times without finishing"
                            + " (executors crashed or lost its lock each time); the share group's limit is "
                            + maxDeliveries
                            + ", so it is not run again");
        }
        int wanted = call.getSlots();
        if (wanted < 1) {
            return refuse(ErrorKind.BAD_ARGUMENTS, "FuncCall.slots must be at least 1, got " + wanted);
        }
        if (wanted > capacity) {
            return refuse(
                    ErrorKind.INSUFFICIENT_SLOTS,
                    "the call needs " + wanted + " slots but executor " + executorId
                            + " has " + capacity + "; lower FuncCall.slots to " + capacity
                            + " or less, or run executors with --slots "
                            + wanted + " or more");
        }
        return Optional.empty();
    }

    /** How often the broker has handed out {@code record}: 1 where it does not count (classic groups). */
    public static int deliveries(ConsumerRecord<?, ?> record) {
        return record.deliveryCount().map(Short::intValue).orElse(1);
    }

    private static Optional<Refusal> refuse(ErrorKind kind, String message) {
        return Optional.of(new Refusal(kind, message));
    }
}
