package dev.computefabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/** The gateway's table endpoints as the large-table tests use them: uploads, multipart calls, downloads. */
final class TableHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TableHttp(String gatewayUrl) {
        this.base = URI.create(gatewayUrl.endsWith("/") ? gatewayUrl : gatewayUrl + "/");
    }

    record Answer(int status, JsonNode body) {

        String error() {
            return body.path("error").asText();
        }

        String message() {
            return body.path("message").asText();
        }
    }

    /** A download: status, headers of interest, and the body's size and SHA-256 (hashed as it streamed). */
    record Download(
            int status,
            String contentType,
            long contentLength,
            String etag,
            String sha256Header,
            String location,
            long bytes,
            String sha256) {}

    /** {@code POST /v1/tables} of a streamed body (sent chunked, its length unknown up front). */
    Answer upload(Supplier<InputStream> body, String contentType, String announcedSha256) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("v1/tables"))
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body));
        if (announcedSha256 != null) {
            request.header("X-Content-SHA256", announcedSha256);
        }
        return send(request);
    }

    Answer upload(byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve("v1/tables"))
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer submit(JsonNode call) {
        return send(HttpRequest.newBuilder(base.resolve("v1/calls"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())));
    }

    /** {@code POST /v1/calls} as multipart/form-data: {@code body} is the whole encoded body. */
    Answer submitMultipart(byte[] body, String boundary) {
        return send(HttpRequest.newBuilder(base.resolve("v1/calls"))
                .timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(TIMEOUT)
                .GET());
    }

    /** GETs {@code url} (a gateway path, or an absolute URL such as a presigned one), hashing the body as it streams. */
    Download download(String url) {
        URI uri = url.startsWith("http") ? URI.create(url) : base.resolve(url.startsWith("/") ? url.substring(1) : url);
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = sha256();
            long bytes;
            try (InputStream in = new DigestInputStream(response.body(), digest)) {
                bytes = in.transferTo(OutputStream.nullOutputStream());
            }
            return new Download(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("X-Content-SHA256").orElse(null),
                    response.headers().firstValue("Location").orElse(null),
                    bytes,
                    HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code head} and the first bytes of a body over a plain socket, then closes the sending side: a client
     * whose upload broke off. Returns the gateway's answer.
     */
    Answer sendTruncated(String head, byte[] partOfBody) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(partOfBody);
            out.flush();
            socket.shutdownOutput();
            byte[] raw = socket.getInputStream().readAllBytes();
            String text = new String(raw, StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int json = text.indexOf('{');
            int end = text.lastIndexOf('}');
            return new Answer(
                    status, json < 0 ? JSON.createObjectNode() : JSON.readTree(text.substring(json, end + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String hostAndPort() {
        return base.getHost() + ":" + base.getPort();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] multipart(String boundary, String... partsAsNameTypeContent) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < partsAsNameTypeContent.length; i += 3) {
            String name = partsAsNameTypeContent[i];
            String type = partsAsNameTypeContent[i + 1];
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                            + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n"
                            + partsAsNameTypeContent[i + 2] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(
                    response.statusCode(),
                    text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
