package dev.computefabric.tables;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tables kept on this node's disk instead of in storage: a sealed {@link TableSpool}'s file, referenced by a
 * {@code file:} URI with its size and SHA-256 like a stored table (the same-node shortcut of pipelines, where
 * the next step reads what the previous one wrote on the same node).
 *
 * <p>Only tables kept here can be opened: a {@code file:} reference that arrived in a call names a file of
 * somebody's choosing, and reading it would hand any file of the node to whoever wrote the call.
 */
public final class LocalTables {

    public static final String SCHEME = "file";

    private final Map<String, TableSpool> kept = new ConcurrentHashMap<>();

    /** Whether {@code table} is a reference to the node's disk (kept here or not). */
    public static boolean isLocal(Table table) {
        return table.getData() instanceof TableRef ref && isLocal(ref);
    }

    public static boolean isLocal(TableRef ref) {
        return ref.getUri().startsWith(SCHEME + ":");
    }

    /**
     * Keeps a sealed spool that spilled to disk and answers a reference to it. The spool is owned here until
     * {@link #release}: it must not be closed by anyone else.
     */
    public TableRef keep(TableSpool sealed, TableFormat format) {
        String uri = sealed.file()
                .orElseThrow(() -> new IllegalArgumentException(
                        "a table of " + sealed.size() + " bytes held in memory needs no disk; keep it inline"))
                .toUri()
                .toString();
        kept.put(uri, sealed);
        return TableRef.newBuilder()
                .setUri(uri)
                .setFormat(format)
                .setSizeBytes(sealed.size())
                .setSha256(sealed.sha256())
                .build();
    }

    /**
     * The kept table's bytes, verified against the reference's size and SHA-256 at the end of the stream like a
     * stored table's, or the part its chunk names (only the size can be checked then).
     */
    public InputStream open(Table table) throws IOException {
        TableRef ref = (TableRef) table.getData();
        TableSpool spool = spoolOf(ref);
        if (table.getChunk() != null) {
            requireSize(spool, ref);
            return TableChunks.open(spool::open, ref.getSizeBytes(), table.getFormat(), table.getChunk());
        }
        return new VerifyingInputStream(spool.open(), ref.getSizeBytes(), ref.getSha256(), "table " + ref.getUri());
    }

    /** Deletes the kept table's file; idempotent. */
    public void release(TableRef ref) {
        TableSpool spool = kept.remove(ref.getUri());
        if (spool != null) {
            spool.close();
        }
    }

    /** Deletes every kept table's file (the node stops). */
    public void releaseAll() {
        kept.keySet().forEach(uri -> {
            TableSpool spool = kept.remove(uri);
            if (spool != null) {
                spool.close();
            }
        });
    }

    /** How many tables are kept now. */
    public int size() {
        return kept.size();
    }

    private TableSpool spoolOf(TableRef ref) throws TableIntegrityException {
        TableSpool spool = kept.get(ref.getUri());
        if (spool == null) {
            throw new TableIntegrityException("table " + ref.getUri() + " is not kept on this node: a " + SCHEME
                    + ": reference names a table a pipeline step left on its node for the step that runs right"
                    + " after it there, and is readable only there while that step runs");
        }
        return spool;
    }

    private static void requireSize(TableSpool spool, TableRef ref) throws TableIntegrityException {
        if (spool.size() != ref.getSizeBytes()) {
            throw new TableIntegrityException("table " + ref.getUri() + " has " + spool.size()
                    + " bytes on the node, its reference says " + ref.getSizeBytes());
        }
    }
}
