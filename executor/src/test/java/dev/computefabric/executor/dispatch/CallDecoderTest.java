package dev.computefabric.executor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.kafka.CallPartitions;
import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.TestCalls;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CallDecoderTest {

    private final CallDecoder decoder = new CallDecoder(TestRecords.SCHEMAS);

    @Test
    void aFuncCallInTheWireFormatIsACall() {
        FuncCall call =
                TestCalls.call("echo").id("c-1").args("{\"a\": 1}").slots(2).build();

        Decoded decoded = decoder.decode(TestRecords.call(0, 5, call));

        assertThat(decoded).isEqualTo(new Decoded.Call(call));
    }

    @Test
    void aDecodedCallIsRememberedWithThePartitionItWasReadFrom() {
        CallPartitions partitions = new CallPartitions();
        FuncCall call = TestCalls.call("echo").id("c-9").build();

        new CallDecoder(TestRecords.SCHEMAS, partitions).decode(TestRecords.call(4, 0, call));

        assertThat(partitions.of("c-9")).hasValue(4);
    }

    @Test
    void aTombstoneIsPoison() {
        assertThat(decoder.decode(TestRecords.raw(0, 0, "c-1", null)))
                .isInstanceOfSatisfying(
                        Decoded.Poison.class, p -> assertThat(p.reason()).contains("value is null"));
    }

    @Test
    void bytesWithoutTheWireFormatHeaderArePoison() {
        assertThat(decoder.decode(TestRecords.raw(0, 0, "c-1", "{\"function\": \"echo\"}".getBytes())))
                .isInstanceOfSatisfying(
                        Decoded.Poison.class, p -> assertThat(p.reason()).contains("magic byte"));
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsPoison() {
        byte[] value = PlainAvro.bytes(TestCalls.call("echo").build(), 99);

        assertThat(decoder.decode(TestRecords.raw(0, 0, "c-1", value)))
                .isInstanceOfSatisfying(
                        Decoded.Poison.class, p -> assertThat(p.reason()).contains("schema id 99 is unknown"));
    }

    @Test
    void aRecordOfAnotherTypeIsPoison() {
        FuncResult result = FuncResult.newBuilder()
                .setCallId("c-1")
                .setFunction("echo")
                .setState(CallState.FINISHED)
                .setFinishedAt(TestCalls.SUBMITTED)
                .setTables(java.util.Map.of())
                .build();

        assertThat(decoder.decode(TestRecords.raw(0, 0, "c-1", PlainAvro.bytes(result, TestRecords.FUNC_RESULT_ID))))
                .isInstanceOfSatisfying(
                        Decoded.Poison.class, p -> assertThat(p.reason()).startsWith("not a FuncCall"));
    }

    @Test
    void aTruncatedFuncCallIsPoison() {
        byte[] whole = PlainAvro.bytes(TestCalls.call("echo").build(), TestRecords.FUNC_CALL_ID);

        assertThat(decoder.decode(TestRecords.raw(0, 0, "c-1", Arrays.copyOf(whole, 9))))
                .isInstanceOf(Decoded.Poison.class);
    }

    @Test
    void aCallWithoutACallIdIsPoison() {
        byte[] value = PlainAvro.bytes(TestCalls.call("echo").id("").build(), TestRecords.FUNC_CALL_ID);

        assertThat(decoder.decode(TestRecords.raw(0, 0, null, value)))
                .isInstanceOfSatisfying(
                        Decoded.Poison.class, p -> assertThat(p.reason()).contains("empty callId"));
    }

    @Test
    void anUnreachableRegistryMakesTheRecordUnavailableNotPoison() {
        CallDecoder offline = new CallDecoder(TestRecords.UNREACHABLE);

        assertThat(offline.decode(TestRecords.call(0, 0, TestCalls.call("echo").build())))
                .isInstanceOfSatisfying(
                        Decoded.Unavailable.class, u -> assertThat(u.reason()).contains("unreachable"));
    }
}
