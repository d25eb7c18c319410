package dev.computefabric.executor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.ErrorKind;
import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.testing.TestCalls;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final Admission admission = new Admission("node-1", 2, 5);

    @Test
    void aCallThatFitsTheNodeMayRun() {
        assertThat(admission.refusal(call(2), 1)).isEmpty();
        assertThat(admission.refusal(call(1), 4)).isEmpty();
    }

    @Test
    void aCallNeedingMoreSlotsThanTheNodeHasIsRefusedAndTheMessageSaysWhatToChange() {
        assertThat(admission.refusal(call(3), 1))
                .hasValue(
                        new Admission.Refusal(
                                ErrorKind.INSUFFICIENT_SLOTS,
                                "the call needs 3 slots but executor node-1 has 2; lower FuncCall.slots to 2 or less, or run executors with --slots 3 or more"));
    }

    @Test
    void aCallWithNoSlotsIsRefusedAsBadArguments() {
        assertThat(admission.refusal(call(0), 1))
                .hasValue(new Admission.Refusal(ErrorKind.BAD_ARGUMENTS, "FuncCall.slots must be at least 1, got 0"));
    }

    @Test
    void aCallDeliveredAsOftenAsTheGroupAllowsIsRefusedWhateverItsSlots() {
        assertThat(admission.refusal(call(1), 5)).map(Admission.Refusal::kind).hasValue(ErrorKind.DELIVERY_LIMIT);
        assertThat(admission.refusal(call(3), 6)).map(Admission.Refusal::kind).hasValue(ErrorKind.DELIVERY_LIMIT);
        assertThat(admission.refusal(call(1), 5).orElseThrow().message())
                .isEqualTo(
                        "the call was delivered 5 times without"
                                + " finishing (executors crashed or lost its lock each time); the share group's limit is 5, so it is not run again");
    }

    @Test
    void withoutADeliveryLimitOnlyTheSlotsDecide() {
        Admission classic = Admission.withoutDeliveryLimit("node-1", 2);

        assertThat(classic.refusal(call(2), Short.MAX_VALUE)).isEmpty();
        assertThat(classic.refusal(call(3), 1)).map(Admission.Refusal::kind).hasValue(ErrorKind.INSUFFICIENT_SLOTS);
    }

    @Test
    void aRecordWhoseDeliveriesTheBrokerDoesNotCountCountsAsDeliveredOnce() {
        FuncCall call = call(1);
        ConsumerRecord<byte[], byte[]> counted = new ConsumerRecord<>(
                TestRecords.TOPIC,
                0,
                0,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                null,
                null,
                new RecordHeaders(),
                Optional.empty(),
                Optional.of((short) 3));

        assertThat(Admission.deliveries(TestRecords.call(0, 0, call))).isEqualTo(1);
        assertThat(Admission.deliveries(counted)).isEqualTo(3);
    }

    private static FuncCall call(int slots) {
        return TestCalls.call("echo").slots(slots).build();
    }
}
