package dev.computefabric.executor.table;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180) one record at a time, so a table of any size streams through in constant memory.
 * Fields may be quoted; inside quotes a doubled quote ({@code ""}) is one quote, and commas and line
 * breaks are data. Records end with LF or CRLF. A quote inside an unquoted field is kept as data, as
 * most writers produce it that way; a quote left open at the end of input is an error.
 */
public final class CsvReader {

    private static final int EOF = -1;
    private static final int NONE = -2;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int pushedBack = NONE;
    private long line = 1;
    private long recordLine;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record's fields, or null at end of input. An empty line is one empty field. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = readQuoted(field);
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c != ',') {
                break;
            }
            c = read();
        }
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
        return fields;
    }

    /** The line (1-based) on which the record last returned by {@link #next()} started. */
    public long recordLine() {
        return recordLine;
    }

    /** Reads a quoted field's content after its opening quote; returns the character after the closing quote. */
    private int readQuoted(StringBuilder field) throws IOException {
        long opened = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new MalformedTableException("the quoted field opened on line " + opened + " is never closed");
            }
            if (c == '"') {
                int next = read();
                if (next == '"') {
                    field.append('"');
                    continue;
                }
                if (next == ',' || next == '\n' || next == '\r' || next == EOF) {
                    return next;
                }
                throw new MalformedTableException("line " + line + ": '" + (char) next + "' after a closing quote;"
                        + " quote the whole field and double the quotes inside it (\"\")");
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        char c = buffer[position++];
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
