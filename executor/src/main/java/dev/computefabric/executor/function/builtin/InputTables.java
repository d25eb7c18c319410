package dev.computefabric.executor.function.builtin;

import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import java.util.SortedSet;

/** Which input table a one-table function works on: the one named by {@code {"table": "name"}}, else the only one. */
final class InputTables {

    private InputTables() {}

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
