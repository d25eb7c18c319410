package dev.computefabric.tables;

import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * One part of a table split by rows ({@link TableChunk}), read by byte ranges, never the whole table. A row is
 * a line; it belongs to the part whose bytes {@code [index * size / count, (index + 1) * size / count)} hold its
 * first byte, so every row is in exactly one part and a part may be empty (Hadoop's input-split rule). A part
 * reads its own range, skips the line that began before it, and reads on past its end to finish its last line.
 *
 * <p>A CSV table's first line is its header: it belongs to no part as a row, and every part starts with it.
 * Lines end with {@code \n} ({@code \r\n} too, the {@code \r} staying in the line). A CSV whose quoted fields
 * hold line breaks cannot be split this way: such a field would be cut between parts.
 */
public final class TableChunks {

    /** How much one ranged read takes when looking for the end of a line (the header, a part's last row). */
    public static final int LINE_STEP_BYTES = 64 * 1024;

    private TableChunks() {}

    /** Fails unless {@code count >= 1} and {@code 0 <= index < count}, saying what a valid chunk is. */
    public static void validate(TableChunk chunk) {
        if (chunk.getCount() < 1) {
            throw new IllegalArgumentException("table chunk " + describe(chunk)
                    + ": count must be at least 1 (the number of parts the table is split into)");
        }
        if (chunk.getIndex() < 0 || chunk.getIndex() >= chunk.getCount()) {
            throw new IllegalArgumentException("table chunk " + describe(chunk) + ": index must be from 0 to count - 1"
                    + " (0 to " + (chunk.getCount() - 1) + ")");
        }
    }

    /** {@code index * size / count} without overflow: where part {@code index} begins (part {@code count}: the end). */
    public static long boundary(long size, int index, int count) {
        long whole = size / count;
        long rest = size % count;
        return whole * index + rest * index / count;
    }

    /**
     * The part {@code chunk} of a table of {@code size} bytes read through {@code ranges}: for CSV the header line,
     * then the part's rows; for JSON Lines the part's lines.
     */
    public static InputStream open(ByteRanges ranges, long size, TableFormat format, TableChunk chunk)
            throws IOException {
        validate(chunk);
        byte[] header = new byte[0];
        if (format == TableFormat.CSV) {
            try (InputStream line = new ToLineEnd(ranges, 0, size, LINE_STEP_BYTES)) {
                header = line.readAllBytes();
            }
        }
        long rowsFrom = header.length;
        long start = Math.max(rowsFrom, boundary(size, chunk.getIndex(), chunk.getCount()));
        long end = boundary(size, chunk.getIndex() + 1, chunk.getCount());
        return new SequenceInputStream(new ByteArrayInputStream(header), rows(ranges, size, rowsFrom, start, end));
    }

    /** The lines whose first byte is in {@code [start, end)}; the first row begins at {@code rowsFrom}. */
    private static InputStream rows(ByteRanges ranges, long size, long rowsFrom, long start, long end)
            throws IOException {
        if (start >= end) {
            return InputStream.nullInputStream();
        }
        if (start == rowsFrom) {
            return new Rows(
                    new BufferedInputStream(ranges.open(start, end - start), LINE_STEP_BYTES), ranges, end, size);
        }
        // A line starts at start only if the byte before it ends a line: read from there and skip to a line start.
        InputStream in = new BufferedInputStream(ranges.open(start - 1, end - start + 1), LINE_STEP_BYTES);
        try {
            int b;
            do {
                b = in.read();
            } while (b >= 0 && b != '\n');
            if (b < 0) {
                in.close();
                return InputStream.nullInputStream();
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new Rows(in, ranges, end, size);
    }

    private static String describe(TableChunk chunk) {
        return "{index: " + chunk.getIndex() + ", count: " + chunk.getCount() + "}";
    }

    /** A part's range from its first line start, then the rest of its last line when that runs past the range. */
    private static final class Rows extends InputStream {

        private final ByteRanges ranges;
        private final long end;
        private final long size;
        private InputStream current;
        private boolean inTail;
        private boolean any;
        private byte last;

        Rows(InputStream range, ByteRanges ranges, long end, long size) {
            this.current = range;
            this.ranges = ranges;
            this.end = end;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (current != null) {
                int n = current.read(target, offset, length);
                if (n > 0) {
                    any = true;
                    last = target[offset + n - 1];
                    return n;
                }
                if (n == 0) {
                    continue;
                }
                current.close();
                current = null;
                if (!inTail && any && last != '\n' && end < size) {
                    inTail = true;
                    current = new ToLineEnd(ranges, end, size, LINE_STEP_BYTES);
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
