package dev.computefabric.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the test wrote it: no client that fixes headers, lengths or
 * encodings on the way. Each request closes its connection, so a lie about the length cannot leak into the next.
 */
final class RawHttp {

    /** What came back: the status (0 when none) and the body, or that nothing came within the timeout. */
    record Reply(int status, String head, String body, boolean hung) {

        boolean hasMessage() {
            return body.contains("\"message\"") && !body.contains("\"message\":\"\"");
        }

        @Override
        public String toString() {
            return hung
                    ? "no answer (hung)"
                    : status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private final String host;
    private final int port;
    private final Duration timeout;

    RawHttp(String gatewayUrl, Duration timeout) {
        URI uri = URI.create(gatewayUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.timeout = timeout;
    }

    /** A request with a correct {@code Content-Length} for {@code body}, plus {@code extraHeaders} (each ending CRLF). */
    Reply send(String method, String path, String contentType, String extraHeaders, byte[] body) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n" + extraHeaders + "\r\n";
        return exchange(head.getBytes(StandardCharsets.ISO_8859_1), body, true);
    }

    /**
     * {@code head} (request line and headers, ending in an empty line) then {@code body}; when {@code closeOutput},
     * the sending side is closed after it, as a client that gave up.
     */
    Reply exchange(byte[] head, byte[] body, boolean closeOutput) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write(body);
                out.flush();
                if (closeOutput) {
                    socket.shutdownOutput();
                }
            } catch (IOException refusedMidway) {
                // The server may answer and close before it read everything (a body too large): read its answer.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return new Reply(0, "", "", true);
        } catch (IOException e) {
            return new Reply(0, "", "connection failed: " + e.getMessage(), false);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer was sent still leaves the answer.
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return new Reply(0, "", text, false);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        return split < 0
                ? new Reply(status, text, "", false)
                : new Reply(status, text.substring(0, split), text.substring(split + 4), false);
    }
}
