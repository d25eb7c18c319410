package dev.computefabric.tables;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A ranged read of a stored table, which fails with {@link TableIntegrityException} at its end unless exactly the
 * bytes asked for arrived. The hash covers the whole table, so a range has only its length to be checked by.
 */
final class RangeInputStream extends FilterInputStream {

    private final long expected;
    private final String what;
    private long seen;
    private boolean checked;

    RangeInputStream(InputStream in, long expected, String what) {
        super(in);
        this.expected = expected;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        seen += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(int n) throws TableIntegrityException {
        if (n < 0) {
            if (!checked && seen != expected) {
                checked = true;
                throw new TableIntegrityException(what + " is truncated: " + seen + " bytes of " + expected);
            }
            checked = true;
            return;
        }
        seen += n;
        if (seen > expected) {
            throw new TableIntegrityException(what + " is longer than asked: more than " + expected + " bytes");
        }
    }
}
