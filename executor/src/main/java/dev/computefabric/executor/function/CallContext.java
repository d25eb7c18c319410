package dev.computefabric.executor.function;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.tables.TableSpool;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a function sees of the call it runs: its arguments, its input tables and a place for output tables. */
public final class CallContext {

    private final FuncCall call;
    private final Args args;
    private final TableAccess tables;
    private final Map<String, Table> outputs = new LinkedHashMap<>();
    private final Map<String, PendingOutput> pending = new LinkedHashMap<>();
    /** Output tables the step that runs next on this node takes (FuncCall.next): kept here, never stored. */
    private final Set<String> toKeep;

    private final Map<String, KeptTable> kept = new LinkedHashMap<>();
    private final Progress progress;
    private final Log log;

    /** Where a function's progress reports go. */
    @FunctionalInterface
    public interface Progress {

        Progress IGNORED = (fraction, message) -> {};

        void report(double fraction, String message);
    }

    /** Where a function's log lines go. */
    @FunctionalInterface
    public interface Log {

        Log IGNORED = line -> {};

        void line(String line);
    }

    public CallContext(FuncCall call, Args args, TableAccess tables) {
        this(call, args, tables, Progress.IGNORED);
    }

    public CallContext(FuncCall call, Args args, TableAccess tables, Progress progress) {
        this(call, args, tables, progress, Log.IGNORED);
    }

    public CallContext(FuncCall call, Args args, TableAccess tables, Progress progress, Log log) {
        this.call = call;
        this.args = args;
        this.tables = tables;
        this.progress = progress;
        this.log = log;
        this.toKeep = call.getNext() == null
                ? Set.of()
                : Set.copyOf(call.getNext().getPreviousTables().values());
    }

    /**
     * Tells whoever follows the call how far it got: {@code fraction} from 0.0 to 1.0 and a short message (or
     * null). Cheap to call often: reports closer together than the executor's interval are dropped.
     */
    public void progress(double fraction, String message) {
        progress.report(fraction, message);
    }

    /**
     * Tells whoever follows the call one line of what the function is doing (the console's live log). Lines
     * beyond the executor's rate are dropped and counted; the result, not the log, is what a caller relies on.
     */
    public void log(String line) {
        log.line(line);
    }

    public String callId() {
        return call.getCallId();
    }

    public String function() {
        return call.getFunction();
    }

    public int attempt() {
        return call.getAttempt();
    }

    public Args args() {
        return args;
    }

    /** Names of the input tables, sorted. */
    public SortedSet<String> tableNames() {
        return new TreeSet<>(call.getTables().keySet());
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(call.getTables().get(name));
    }

    /** Streams the input table {@code name}; the caller closes the stream. */
    public InputStream open(String name) throws IOException {
        Table table = table(name)
                .orElseThrow(() -> new BadArgumentsException(
                        function() + ": no input table named '" + name + "'; the call has " + describeTables()));
        return tables.open(table);
    }

    /** Adds an output table to the result, inline or by reference depending on its size. */
    public void output(String name, byte[] bytes, TableFormat format) {
        requireNewOutput(name);
        if (toKeep.contains(name)) {
            // Written to a spool like a streamed output, so a large one waits on disk rather than in the heap.
            pending.put(name, new PendingOutput(tables.spool(), format));
            try {
                pending.get(name).spool().output().write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep output table '" + name + "' on the node", e);
            }
            return;
        }
        outputs.put(name, tables.store(bytes, format));
    }

    /**
     * Starts an output table of any size: write it to the stream and close it. The bytes wait in memory up
     * to the inline limit, beyond it on local disk; once the function has returned, the table is added to
     * the result, inline or stored by reference. If the function fails, nothing of it is kept or stored.
     */
    public OutputStream createOutput(String name, TableFormat format) {
        requireNewOutput(name);
        TableSpool spool = tables.spool();
        pending.put(name, new PendingOutput(spool, format));
        return new FilterOutputStream(spool.output()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }
        };
    }

    /**
     * Makes the file {@code file} the output table {@code name}, like {@link #createOutput} but without copying it: the
     * file is moved away (it must be a regular file, not a symbolic link) and hashed where it lies
     * ({@link TableSpool#adopt}). How a script's or a container's output file becomes a table.
     */
    public void adoptOutput(String name, Path file, TableFormat format) throws IOException {
        requireNewOutput(name);
        TableSpool spool = tables.spool();
        try {
            spool.adopt(file);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        pending.put(name, new PendingOutput(spool, format));
    }

    /**
     * Stores the tables written through {@link #createOutput} or adopted, in the order they were started, except those
     * the next step on this node takes ({@code FuncCall.next}), which are kept here ({@link #kept()}). Called by the
     * runner once the function returned; a failure here fails the call and drops what was kept.
     */
    public void finishOutputs() throws IOException {
        boolean done = false;
        try {
            for (Iterator<Map.Entry<String, PendingOutput>> it =
                            pending.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, PendingOutput> entry = it.next();
                PendingOutput output = entry.getValue();
                output.spool().seal();
                if (toKeep.contains(entry.getKey())) {
                    // From here the kept table owns the spool.
                    kept.put(entry.getKey(), tables.keep(output.spool(), output.format()));
                    it.remove();
                } else {
                    outputs.put(entry.getKey(), tables.store(output.spool(), output.format()));
                }
            }
            done = true;
        } finally {
            if (done) {
                dropPending();
            } else {
                discardOutputs();
            }
        }
    }

    /** Drops the output tables that were not stored, and those kept for the next step; idempotent. */
    public void discardOutputs() {
        dropPending();
        kept.values().forEach(KeptTable::close);
        kept.clear();
    }

    /**
     * The output tables kept on the node for the step that runs next on it, in the order they were started; not
     * in {@link #outputs()}. Whoever takes them closes them.
     */
    public Map<String, KeptTable> kept() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    private void dropPending() {
        pending.values().forEach(output -> output.spool().close());
        pending.clear();
    }

    /** The output tables added so far, in the order they were added. */
    public Map<String, Table> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    private void requireNewOutput(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(function() + ": an output table needs a name");
        }
        if (outputs.containsKey(name) || pending.containsKey(name) || kept.containsKey(name)) {
            throw new IllegalStateException(function() + ": output table '" + name + "' was already written");
        }
    }

    private record PendingOutput(TableSpool spool, TableFormat format) {}

    /** The input tables for an error message: {@code no tables} or {@code tables a, b}. */
    public String describeTables() {
        SortedSet<String> names = tableNames();
        return names.isEmpty() ? "no tables" : "tables " + String.join(", ", names);
    }
}
