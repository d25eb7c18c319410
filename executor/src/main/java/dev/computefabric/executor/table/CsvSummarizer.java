package dev.computefabric.executor.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Summarizes a UTF-8 CSV table whose first record is the header. Blank lines are skipped; a row with
 * fewer fields than the header has empty cells at the end; a row with more is an error, as its extra
 * values belong to no column.
 */
public final class CsvSummarizer {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvSummarizer() {}

    public static TableSummary summarize(String tableName, InputStream in) throws IOException {
        CsvReader csv = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> header = csv.next();
        while (header != null && isBlank(header)) {
            header = csv.next();
        }
        TableSummary summary = new TableSummary();
        if (header == null) {
            return summary;
        }
        List<ColumnStats> columns = columns(tableName, header, summary);
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            if (isBlank(row)) {
                continue;
            }
            if (row.size() > columns.size()) {
                throw new MalformedTableException("table '" + tableName + "' line " + csv.recordLine() + ": "
                        + row.size() + " fields, but the header names " + columns.size() + " columns");
            }
            summary.countRow();
            for (int i = 0; i < row.size(); i++) {
                columns.get(i).addCell(row.get(i));
            }
        }
        return summary;
    }

    private static List<ColumnStats> columns(String tableName, List<String> header, TableSummary summary)
            throws MalformedTableException {
        List<String> names = new ArrayList<>(header);
        if (!names.get(0).isEmpty() && names.get(0).charAt(0) == BYTE_ORDER_MARK) {
            names.set(0, names.get(0).substring(1));
        }
        Set<String> seen = new HashSet<>();
        List<ColumnStats> columns = new ArrayList<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new MalformedTableException("table '" + tableName + "': the header names column '" + name
                        + "' twice; column names must be unique");
            }
            columns.add(summary.column(name));
        }
        return columns;
    }

    private static boolean isBlank(List<String> record) {
        return record.size() == 1 && record.get(0).isBlank();
    }
}
