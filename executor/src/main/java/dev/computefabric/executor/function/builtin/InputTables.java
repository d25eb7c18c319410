package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import java.util.SortedSet;

/** Which input table a one-table function works on: the one named by {@code {"table": "name"}}, else the only one. */
final class InputTables {

    /** Name of the dataframe input in the specs of one-table functions; the call may name its table anything. */
    static final String ANY_TABLE = "input";

    private InputTables() {}

    /** The spec's dataframe input: optional by name, since any one table the call has will do. */
    static FunctionParam anyTable() {
        return FunctionParam.newBuilder()
                .setName(ANY_TABLE)
                .setType(ParamType.DATAFRAME)
                .setOptional(true)
                .setDescription("the table to work on: the call's only table, whatever its name, or the one"
                        + " \"table\" names")
                .build();
    }

    /** The spec's {@code table} argument: which input table, when the call has several. */
    static FunctionParam tableChoice() {
        return FunctionParam.newBuilder()
                .setName("table")
                .setType(ParamType.STRING)
                .setOptional(true)
                .setDescription("the name of the input table to use when the call has several")
                .build();
    }

    /** @param verb what the function does with it, for messages: "describe", "copy" */
    static String chosen(CallContext context, String example, String verb) {
        String named = context.args().optionalString("table", example).orElse(null);
        if (named != null) {
            if (context.table(named).isEmpty()) {
                throw new BadArgumentsException(context.function() + ": no input table named '" + named
                        + "'; the call has " + context.describeTables());
            }
            return named;
        }
        SortedSet<String> names = context.tableNames();
        if (names.size() == 1) {
            return names.first();
        }
        if (names.isEmpty()) {
            throw new BadArgumentsException(context.function() + ": the call has no input table; attach one");
        }
        throw new BadArgumentsException(context.function() + ": the call has " + context.describeTables()
                + "; name the one to " + verb + ", for example {\"table\": \"" + names.first() + "\"}");
    }
}
