package dev.computefabric.tables;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a table from {@code offset} up to and including the next {@code '\n'}, or to the end of the
 * table: the rest of a line. Read in ranges of at most {@code step} bytes, so a long line costs a few more
 * requests, never a read of the whole table.
 */
final class ToLineEnd extends InputStream {

    private final ByteRanges ranges;
    private final long size;
    private final byte[] buffer;
    private long position;
    private int next;
    private int limit;
    private boolean lineEnded;

    ToLineEnd(ByteRanges ranges, long offset, long size, int step) {
        this.ranges = ranges;
        this.position = offset;
        this.size = size;
        this.buffer = new byte[step];
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[next++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, limit - next);
        System.arraycopy(buffer, next, target, offset, n);
        next += n;
        return n;
    }

    /** Whether there are bytes to serve, reading the next range if the buffer is used up. */
    private boolean fill() throws IOException {
        if (next < limit) {
            return true;
        }
        if (lineEnded || position >= size) {
            return false;
        }
        int length = (int) Math.min(buffer.length, size - position);
        try (InputStream range = ranges.open(position, length)) {
            int read = range.readNBytes(buffer, 0, length);
            if (read < length) {
                throw new TableIntegrityException(
                        "the table ended at byte " + (position + read) + " while its size is " + size + " bytes");
            }
        }
        next = 0;
        limit = length;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                limit = i + 1;
                lineEnded = true;
                break;
            }
        }
        position += limit;
        return true;
    }
}
