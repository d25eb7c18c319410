package dev.computefabric.bench;

import dev.computefabric.schemas.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

/**
 * A CSV table of a given size, generated as it is read and never held whole in memory: a header, then
 * rows of exactly {@value #ROW_BYTES} bytes ({@code id,name,value}). The same size gives the same bytes
 * every time, so a copy can be checked by reading the source again beside it.
 */
final class CsvSource extends InputStream {

    static final byte[] HEADER = "id,name,value\n".getBytes(StandardCharsets.US_ASCII);
    static final int ROW_BYTES = 64;
    private static final int ID_DIGITS = 12;
    private static final int NAME_CHARS = 40;
    private static final int VALUE_DIGITS = 9;
    private static final int ROWS_PER_BLOCK = 1024;
    /** Names are windows into this pool, so rows differ without a random draw per byte. */
    private static final byte[] NAMES = names();

    private final long rows;
    private final byte[] block = new byte[ROWS_PER_BLOCK * ROW_BYTES];
    private long nextRow;
    private int blockPos;
    private int blockLen;
    private boolean headerDone;
    private int headerPos;

    /** A table of at most {@code maxBytes}: as many whole rows as fit after the header. */
    CsvSource(long maxBytes) {
        if (maxBytes < HEADER.length + ROW_BYTES) {
            throw new IllegalArgumentException(
                    "a table needs at least " + (HEADER.length + ROW_BYTES) + " bytes, got " + maxBytes);
        }
        this.rows = (maxBytes - HEADER.length) / ROW_BYTES;
    }

    /** The exact size of the table {@code new CsvSource(maxBytes)} produces. */
    static long sizeFor(long maxBytes) {
        return HEADER.length + (maxBytes - HEADER.length) / ROW_BYTES * ROW_BYTES;
    }

    /** The hex SHA-256 of the table of {@code maxBytes}, by generating it once. */
    static String sha256(long maxBytes) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[1 << 16];
        try (CsvSource source = new CsvSource(maxBytes)) {
            int n;
            while ((n = source.read(buffer, 0, buffer.length)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!headerDone) {
            int n = Math.min(len, HEADER.length - headerPos);
            System.arraycopy(HEADER, headerPos, into, off, n);
            headerPos += n;
            headerDone = headerPos == HEADER.length;
            return n;
        }
        if (blockPos == blockLen && !fill()) {
            return -1;
        }
        int n = Math.min(len, blockLen - blockPos);
        System.arraycopy(block, blockPos, into, off, n);
        blockPos += n;
        return n;
    }

    private boolean fill() {
        int count = (int) Math.min(ROWS_PER_BLOCK, rows - nextRow);
        if (count <= 0) {
            return false;
        }
        for (int r = 0; r < count; r++) {
            row(nextRow++, r * ROW_BYTES);
        }
        blockPos = 0;
        blockLen = count * ROW_BYTES;
        return true;
    }

    // id (12 digits), name (40 letters), value (9 digits): 12 + 1 + 40 + 1 + 9 + 1 = 64 bytes.
    private void row(long id, int at) {
        digits(id, at, ID_DIGITS);
        block[at + ID_DIGITS] = ',';
        System.arraycopy(NAMES, (int) (id * 7919 % (NAMES.length - NAME_CHARS)), block, at + ID_DIGITS + 1, NAME_CHARS);
        block[at + ID_DIGITS + 1 + NAME_CHARS] = ',';
        digits(id * 2654435761L % 1_000_000_000L, at + ID_DIGITS + NAME_CHARS + 2, VALUE_DIGITS);
        block[at + ROW_BYTES - 1] = '\n';
    }

    private void digits(long value, int at, int width) {
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            block[at + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    private static byte[] names() {
        Random random = new Random(42);
        byte[] pool = new byte[1 << 16];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (byte) ('a' + random.nextInt(26));
        }
        return pool;
    }
}
