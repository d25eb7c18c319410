package dev.computefabric.executor.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.NextStep;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.testing.TestCalls;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output tables the next step on the node takes (FuncCall.next) are kept, not stored and not in the result. */
class CallContextKeptTablesTest {

    private final FabricTables tables = FabricTables.inlineOnly(4);

    @Test
    void theTablesTheNextStepTakesAreKeptAndTheOthersStored() throws Exception {
        CallContext context = context(Map.of("in", "big", "also", "small"));

        try (OutputStream out = context.createOutput("big", TableFormat.CSV)) {
            out.write("a\n1\n2\n".getBytes());
        }
        context.output("small", new byte[] {1}, TableFormat.CSV);
        context.output("other", new byte[] {2}, TableFormat.CSV);
        context.finishOutputs();

        assertThat(context.outputs()).containsOnlyKeys("other");
        assertThat(context.kept()).containsOnlyKeys("big", "small");
        assertThat(context.kept().get("big").table().getData()).isInstanceOf(TableRef.class);
        assertThat(context.kept().get("big").sizeBytes()).isEqualTo(6);
        assertThat(tables.keptOnDisk()).isOne();
        context.kept().values().forEach(KeptTable::close);
        assertThat(tables.keptOnDisk()).isZero();
    }

    @Test
    void anOutputOverTheInlineLimitWrittenAtOnceIsKeptOnDiskToo() throws Exception {
        CallContext context = context(Map.of("in", "big"));

        context.output("big", new byte[10], TableFormat.CSV);
        context.finishOutputs();

        assertThat(context.kept().get("big").table().getData()).isInstanceOf(TableRef.class);
        context.discardOutputs();
        assertThat(tables.keptOnDisk()).isZero();
    }

    private CallContext context(Map<String, String> previousTables) {
        FuncCall call = TestCalls.call("f").build();
        call.setNext(NextStep.newBuilder()
                .setCallId("next")
                .setStep("next")
                .setPrevious("f")
                .setFunction("g")
                .setPreviousTables(previousTables)
                .build());
        return new CallContext(call, Args.parse("f", "{}"), tables);
    }
}
