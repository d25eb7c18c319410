package dev.computefabric.tables;

import dev.computefabric.schemas.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a stored table's bytes through while counting and hashing them; at end of stream it fails
 * with {@link TableIntegrityException} unless size and SHA-256 match the reference. A consumer that
 * reads to the end therefore never acts on a truncated or corrupted table without knowing.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.digest();
    private final long expectedSize;
    private final String expectedSha256;
    private final String what;
    private long seen;
    private boolean verified;

    VerifyingInputStream(InputStream in, long expectedSize, String expectedSha256, String what) {
        super(in);
        this.expectedSize = expectedSize;
        this.expectedSha256 = expectedSha256;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            digest.update(buffer, offset, n);
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed, so read them.
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(int n) throws TableIntegrityException {
        seen += n;
        if (seen > expectedSize) {
            throw new TableIntegrityException(
                    what + " is larger than its reference says: more than " + expectedSize + " bytes");
        }
    }

    private void verify() throws TableIntegrityException {
        if (verified) {
            return;
        }
        verified = true;
        if (seen != expectedSize) {
            throw new TableIntegrityException(
                    what + " is truncated: " + seen + " bytes, its reference says " + expectedSize);
        }
        String actual = Sha256.hex(digest);
        if (!actual.equals(expectedSha256)) {
            throw new TableIntegrityException(
                    what + " has SHA-256 " + actual + ", its reference says " + expectedSha256);
        }
    }
}
