package dev.computefabric.executor.telemetry;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.KeptTable;
import dev.computefabric.executor.function.TableAccess;
import dev.computefabric.tables.TableSpool;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the table bytes functions read and write, into {@code fabric.table.bytes}. */
final class CountedTables implements TableAccess {

    private final TableAccess tables;
    private final ExecutorMeters meters;

    CountedTables(TableAccess tables, ExecutorMeters meters) {
        this.tables = tables;
        this.meters = meters;
    }

    @Override
    public InputStream open(Table table) throws IOException {
        return new FilterInputStream(tables.open(table)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    meters.tableBytesIn(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    meters.tableBytesIn(n);
                }
                return n;
            }
        };
    }

    @Override
    public Table store(byte[] bytes, TableFormat format) {
        Table table = tables.store(bytes, format);
        meters.tableBytesOut(bytes.length);
        return table;
    }

    @Override
    public TableSpool spool() {
        return tables.spool();
    }

    @Override
    public Table store(TableSpool sealed, TableFormat format) throws IOException {
        Table table = tables.store(sealed, format);
        meters.tableBytesOut(sealed.size());
        return table;
    }

    @Override
    public KeptTable keep(TableSpool sealed, TableFormat format) {
        // Not counted as written: the bytes stay on the node; the next step counts them as it reads them.
        return tables.keep(sealed, format);
    }
}
