package dev.computefabric.gateway.tables;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.calls.CallSnapshot;
import dev.computefabric.gateway.calls.Calls;
import dev.computefabric.gateway.calls.FabricUnavailableException;
import dev.computefabric.schemas.Sha256;
import dev.computefabric.tables.TableIntegrityException;
import dev.computefabric.tables.TableStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;

/** The output tables of finished calls, found by call id and name, streamed from storage or from the result. */
public final class OutputTables {

    /** An output table: inline bytes or a stored object, with what a download announces about it. */
    public record Output(String callId, String name, Table table, long sizeBytes, String sha256) {

        public boolean stored() {
            return table.getData() instanceof TableRef;
        }
    }

    private final Calls calls;
    private final TableStore store;

    public OutputTables(Calls calls, TableStore store) {
        this.calls = calls;
        this.store = store;
    }

    /** The output table {@code name} of call {@code callId}; the call must have ended with it. */
    public Output find(String callId, String name) {
        CallSnapshot call = calls.find(callId, Optional.empty()).join();
        FuncResult result = call.result();
        if (!call.isTerminal() || result == null) {
            throw new OutputNotFoundException(
                    "call " + callId + " is " + call.state() + "; its output tables exist once it"
                            + " has finished (GET /v1/calls/" + callId + "?wait=30s waits for that)");
        }
        Table table = result.getTables().get(name);
        if (table == null) {
            TreeSet<String> names = new TreeSet<>(result.getTables().keySet());
            throw new OutputNotFoundException("call " + callId + " (" + call.state() + ") has no output table named '"
                    + name + "'; it has " + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        if (table.getData() instanceof TableRef ref) {
            return new Output(callId, name, table, ref.getSizeBytes(), ref.getSha256());
        }
        byte[] bytes = inline(table);
        return new Output(callId, name, table, bytes.length, Sha256.hex(bytes));
    }

    /** The table's bytes; a stored table is verified while it streams, and its absence is reported now. */
    public InputStream open(Output output) {
        if (!(output.table().getData() instanceof TableRef ref)) {
            return new ByteArrayInputStream(inline(output.table()));
        }
        try {
            return store.open(ref);
        } catch (TableIntegrityException e) {
            throw new OutputGoneException(
                    "output table '" + output.name() + "' of call " + output.callId() + " is no longer in storage: "
                            + e.getMessage(),
                    e);
        } catch (IOException | SdkException e) {
            throw new FabricUnavailableException(
                    "cannot read output table '" + output.name() + "' of call " + output.callId()
                            + ": table storage (S3) is unavailable (" + e.getMessage() + "); retry later",
                    e);
        }
    }

    /** A URL from which anyone may read the stored table for {@code validFor}. */
    public URI presign(Output output, Duration validFor, String mediaType) {
        TableRef ref = (TableRef) output.table().getData();
        if (store.stat(ref.getSha256()).isEmpty()) {
            throw new OutputGoneException(
                    "output table '" + output.name() + "' of call " + output.callId()
                            + " is no longer in storage (removed by the retention sweep)",
                    null);
        }
        try {
            return store.presign(ref, validFor, mediaType);
        } catch (TableIntegrityException e) {
            throw new OutputGoneException(
                    "output table '" + output.name() + "' of call " + output.callId()
                            + " is not in this fabric's storage: " + e.getMessage(),
                    e);
        }
    }

    private static byte[] inline(Table table) {
        ByteBuffer data = ((ByteBuffer) table.getData()).duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }
}
