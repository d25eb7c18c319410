package dev.computefabric.gateway.tables;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableRef;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.tables.TableStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stored tables a principal may name by hash in its calls, with authentication on: the ones it uploaded and
 * the outputs of its own calls. Knowing a hash is not enough. Recorded in storage next to the tables (one empty
 * object per principal and table), so every gateway knows; recording runs off the caller's thread.
 */
public final class TableGrants implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TableGrants.class);

    private final TableStore store;
    private final ExecutorService recorder =
            Executors.newSingleThreadExecutor(NamedThreads.named("gateway-table-grants"));

    public TableGrants(TableStore store) {
        this.store = store;
    }

    /** {@code caller} uploaded the table; returns once it may use it. */
    public void uploaded(String sha256, Caller caller) {
        store.grant(sha256, caller.name());
    }

    /** The stored outputs of a call {@code principal} submitted become its to use. */
    public void produced(FuncResult result, String principal) {
        for (Table table : result.getTables().values()) {
            if (table.getData() instanceof TableRef ref) {
                recorder.execute(() -> {
                    try {
                        store.grant(ref.getSha256(), principal);
                    } catch (RuntimeException e) {
                        log.warn(
                                "could not record that {} may use output {} of call {}: {}",
                                principal,
                                ref.getSha256(),
                                result.getCallId(),
                                e.toString());
                    }
                });
            }
        }
    }

    /**
     * @throws TableNotFoundException {@code caller} may not use the table: the same answer as for a table that does
     *                                not exist, so that hashes cannot be probed
     */
    public void requireUsable(String where, String sha256, Caller caller) {
        if (!store.isGranted(sha256, caller.name())) {
            throw new TableNotFoundException(where, sha256);
        }
    }

    @Override
    public void close() {
        recorder.shutdown();
    }
}
