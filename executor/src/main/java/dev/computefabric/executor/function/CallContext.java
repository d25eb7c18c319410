package dev.computefabric.executor.function;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a function sees of the call it runs: its arguments, its input tables and a place for output tables. */
public final class CallContext {

    private final FuncCall call;
    private final Args args;
    private final TableAccess tables;
    private final Map<String, Table> outputs = new LinkedHashMap<>();

    public CallContext(FuncCall call, Args args, TableAccess tables) {
        this.call = call;
        this.args = args;
        this.tables = tables;
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
        Table table = table(name).orElseThrow(() -> new BadArgumentsException(
                function() + ": no input table named '" + name + "'; the call has " + describeTables()));
        return tables.open(table);
    }

    /** Adds an output table to the result, inline or by reference depending on its size. */
    public void output(String name, byte[] bytes, TableFormat format) {
        outputs.put(name, tables.store(bytes, format));
    }

    /** The output tables added so far, in the order they were added. */
    public Map<String, Table> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /** The input tables for an error message: {@code no tables} or {@code tables a, b}. */
    public String describeTables() {
        SortedSet<String> names = tableNames();
        return names.isEmpty() ? "no tables" : "tables " + String.join(", ", names);
    }
}
