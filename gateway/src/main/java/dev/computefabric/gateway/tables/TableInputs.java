package dev.computefabric.gateway.tables;

import dev.computefabric.avro.Table;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.tables.Tables;

/** Turns a call's input tables into what the {@code FuncCall} carries: inline bytes, or references to storage. */
public final class TableInputs {

    private TableInputs() {}

    /**
     * {@code input} as a table: content within the inline limit inline, larger content stored; a table named by
     * its hash must exist in storage (it is then leased for another retention period).
     */
    public static Table resolve(Tables tables, String name, TableInput input) {
        if (input.sha256() == null) {
            return tables.of(input.content(), input.format());
        }
        return tables.stored(input.sha256(), input.format())
                .orElseThrow(() -> new TableNotFoundException("tables." + name, input.sha256()));
    }
}
