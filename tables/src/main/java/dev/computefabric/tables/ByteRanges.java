package dev.computefabric.tables;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads byte ranges of one table: inline bytes, or ranged GETs on a stored table. What {@link TableChunks}
 * needs to read one part of a table without the rest.
 */
@FunctionalInterface
public interface ByteRanges {

    /**
     * The table's bytes {@code [offset, offset + length)}, exactly {@code length} of them; the caller closes the
     * stream. Only called with {@code 0 <= offset} and {@code offset + length <=} the table's size.
     */
    InputStream open(long offset, long length) throws IOException;

    /** Ranges of bytes held in memory. */
    static ByteRanges of(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        return (offset, length) -> {
            if (view.hasArray()) {
                return new ByteArrayInputStream(
                        view.array(),
                        view.arrayOffset() + view.position() + Math.toIntExact(offset),
                        Math.toIntExact(length));
            }
            ByteBuffer range = view.duplicate();
            range.position(range.position() + Math.toIntExact(offset));
            byte[] copy = new byte[Math.toIntExact(length)];
            range.get(copy);
            return new ByteArrayInputStream(copy);
        };
    }
}
