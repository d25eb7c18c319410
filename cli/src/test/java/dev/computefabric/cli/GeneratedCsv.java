package dev.computefabric.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A CSV table generated row by row while it is read, never held in memory, with the statistics
 * {@code table.describe} must find in it: header {@code id,value,label}; row {@code i} (from 1) has
 * {@code id = i}, {@code value = ((i * 7919) % 100003) / 100} with two decimals, {@code label = "k" + (i % 1000)}.
 * Rows are added until the table has at least the requested size.
 */
final class GeneratedCsv extends InputStream {

    private final long minBytes;
    private byte[] chunk = "id,value,label\n".getBytes(StandardCharsets.US_ASCII);
    private int position;
    private long produced;
    private long rows;
    private long valueCentsSum;
    private long minCents = Long.MAX_VALUE;
    private long maxCents = Long.MIN_VALUE;

    GeneratedCsv(long minBytes) {
        this.minBytes = minBytes;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position == chunk.length && !nextChunk()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, n);
        position += n;
        produced += n;
        return n;
    }

    /** Rows generated so far; once the stream is read to its end, all of them. */
    long rows() {
        return rows;
    }

    long bytes() {
        return produced;
    }

    double minValue() {
        return minCents / 100.0;
    }

    double maxValue() {
        return maxCents / 100.0;
    }

    double meanValue() {
        return valueCentsSum / 100.0 / rows;
    }

    private boolean nextChunk() {
        if (produced >= minBytes) {
            return false;
        }
        StringBuilder text = new StringBuilder(64 * 1024);
        while (text.length() < 60 * 1024 && produced + text.length() < minBytes) {
            long i = ++rows;
            long cents = (i * 7919) % 100003;
            valueCentsSum += cents;
            minCents = Math.min(minCents, cents);
            maxCents = Math.max(maxCents, cents);
            text.append(i).append(',').append(cents / 100).append('.');
            long fraction = cents % 100;
            if (fraction < 10) {
                text.append('0');
            }
            text.append(fraction).append(",k").append(i % 1000).append('\n');
        }
        chunk = text.toString().getBytes(StandardCharsets.US_ASCII);
        position = 0;
        return chunk.length > 0;
    }
}
