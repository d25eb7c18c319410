package dev.computefabric.gateway.tables;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, RFC 2046) part by part, each part's content as a
 * stream, in constant memory: nothing is buffered beyond one read buffer, on disk or in memory. The servlet
 * container's own parser is switched off because it holds parts without a file name in memory as strings
 * (a table sent as a plain form field would fill the heap) and writes every other part to disk before the
 * application sees it.
 *
 * <p>Call {@link #next()} for each part; reading a part's stream to its end is optional, {@code next()} skips
 * what is left. A body that ends before its closing boundary is a {@link UploadTruncatedException}.
 */
public final class MultipartReader {

    static final int BUFFER_BYTES = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** RFC 2046: a boundary has 1 to 70 characters. */
    static final int MAX_BOUNDARY_LENGTH = 70;

    /** One part: its name, file name and content type as its headers declare them (null when absent). */
    public record Part(String name, String fileName, String contentType, InputStream body) {}

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private PartStream current;
    private boolean finished;

    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new MalformedMultipartException("a multipart/form-data body needs a boundary of 1 to "
                    + MAX_BOUNDARY_LENGTH + " characters in its Content-Type, e.g. multipart/form-data; boundary=xyz");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER_BYTES];
        // The first boundary may open the body without a line break before it: pretend there was one.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
        current = new PartStream();
    }

    /** The next part, or null after the closing boundary. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        // Whatever is left of the previous part (or the preamble before the first part) is skipped.
        current.skipToEnd();
        int a = readByte();
        int b = readByte();
        if (a == '-' && b == '-') {
            finished = true;
            return null;
        }
        while (a == ' ' || a == '\t') {
            a = b;
            b = readByte();
        }
        if (a != '\r' || b != '\n') {
            throw new MalformedMultipartException("a boundary line must end with CRLF (or -- for the last one)");
        }
        PartHeaders headers = PartHeaders.parse(readHeaderBlock());
        current = new PartStream();
        return new Part(headers.name(), headers.fileName(), headers.contentType(), current);
    }

    /** The header lines up to the empty line that ends them (itself consumed), without their CRLFs. */
    private String readHeaderBlock() throws IOException {
        byte[] bytes = new byte[MAX_HEADER_BYTES];
        int n = 0;
        int lineStart = 0;
        while (true) {
            if (n == bytes.length) {
                throw new MalformedMultipartException(
                        "a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            bytes[n++] = (byte) readByte();
            if (n - lineStart >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                if (n - lineStart == 2) {
                    return new String(bytes, 0, lineStart, StandardCharsets.UTF_8);
                }
                lineStart = n;
            }
        }
    }

    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            throw new UploadTruncatedException(
                    "the multipart body ends before its closing boundary: the upload was cut off", null);
        }
        return buffer[position++] & 0xff;
    }

    /** Moves unread bytes to the front and reads more; false at the end of the input with nothing new. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int n;
        try {
            n = in.read(buffer, limit, buffer.length - limit);
        } catch (EOFException e) {
            n = -1;
        }
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** Index of the delimiter in the unread bytes, or -1. */
    private int delimiterIndex() {
        byte first = delimiter[0];
        for (int i = position, last = limit - delimiter.length; i <= last; i++) {
            if (buffer[i] == first && matchesAt(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matchesAt(int at) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** One part's content: the bytes up to the next delimiter. */
    private final class PartStream extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended || this != current) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int at = delimiterIndex();
                if (at == position) {
                    position += delimiter.length;
                    ended = true;
                    return -1;
                }
                // Without a delimiter in sight, the last delimiter-length-minus-one bytes may begin one.
                int available = at >= 0 ? at - position : limit - position - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(length, available);
                    System.arraycopy(buffer, position, target, offset, n);
                    position += n;
                    return n;
                }
                if (!fill()) {
                    throw new UploadTruncatedException(
                            "the multipart body ends inside a part, before its closing boundary:"
                                    + " the upload was cut off",
                            null);
                }
            }
        }

        void skipToEnd() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // skipping
            }
        }
    }
}
