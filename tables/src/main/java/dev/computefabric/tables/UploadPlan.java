package dev.computefabric.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * How a table of a given size is uploaded: in one request up to the part size, else in parts. S3 allows
 * at most {@link #MAX_PARTS} parts, so very large tables get larger parts.
 */
record UploadPlan(long size, List<Part> parts) {

    /** Parts of this size keep a part's retry cheap and stay below S3Proxy's 128 MiB limit on unchunked bodies. */
    static final long DEFAULT_PART_BYTES = 32L * 1024 * 1024;

    static final int MAX_PARTS = 10_000;
    /** S3's minimum part size (all but the last part). */
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    /** One part: S3 numbers them from 1. */
    record Part(int number, long offset, long length) {}

    static UploadPlan of(long size, long partBytes) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("partBytes must be at least " + MIN_PART_BYTES + ", got " + partBytes);
        }
        long partSize = Math.max(partBytes, ceilDiv(size, MAX_PARTS));
        List<Part> parts = new ArrayList<>();
        if (size > partSize) {
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize) {
                parts.add(new Part(number++, offset, Math.min(partSize, size - offset)));
            }
        }
        return new UploadPlan(size, List.copyOf(parts));
    }

    /** Whether the table goes up in one request. */
    boolean single() {
        return parts.isEmpty();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
