package dev.computefabric.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table through the whole fabric over HTTP: upload it ({@code POST /v1/tables}), have an executor copy
 * it ({@code table.copy}, input {@code data} by hash, output {@code data}), download the copy
 * ({@code GET /v1/calls/{id}/outputs/data}). Streams both ways; checks the hashes and every byte.
 */
final class TableTrip {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String UPLOAD = "upload";
    static final String CALL = "call";
    static final String DOWNLOAD = "download";

    private final HttpCalls http;
    private final URI base;

    TableTrip(HttpCalls http, String gatewayUrl) {
        this.http = http;
        this.base = HttpCalls.base(gatewayUrl);
    }

    /** Moves a table of {@code maxBytes} through; returns seconds per phase. */
    Map<String, Double> run(long maxBytes, String expectedSha256) throws IOException, InterruptedException {
        long size = CsvSource.sizeFor(maxBytes);
        Map<String, Double> phases = new LinkedHashMap<>();

        long start = System.nanoTime();
        HttpRequest upload = HttpRequest.newBuilder(base.resolve("v1/tables"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new CsvSource(maxBytes)), size))
                .build();
        HttpResponse<String> uploaded = http.client().send(upload, HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("upload refused: HTTP " + uploaded.statusCode() + " " + uploaded.body());
        }
        JsonNode ref = JSON.readTree(uploaded.body());
        check("uploaded sha256", expectedSha256, ref.path("sha256").asText());
        check("uploaded sizeBytes", Long.toString(size), ref.path("sizeBytes").asText());
        long uploadedAt = System.nanoTime();
        phases.put(UPLOAD, seconds(start, uploadedAt));

        String callId = http.post("{\"function\":\"table.copy\",\"tables\":{\"data\":{\"format\":\"csv\",\"sha256\":\""
                        + expectedSha256 + "\"}},\"wait\":\"" + HttpCalls.WAIT.toSeconds() + "s\"}")
                .join()
                .callId();
        long copiedAt = System.nanoTime();
        phases.put(CALL, seconds(uploadedAt, copiedAt));

        HttpRequest download = HttpRequest.newBuilder(base.resolve("v1/calls/" + callId + "/outputs/data"))
                .GET()
                .build();
        HttpResponse<InputStream> output = http.client().send(download, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = output.body();
                CsvSource expected = new CsvSource(maxBytes)) {
            if (output.statusCode() != 200) {
                throw new IllegalStateException(
                        "download refused: HTTP " + output.statusCode() + " " + new String(body.readAllBytes()));
            }
            sameBytes(body, expected, size);
        }
        phases.put(DOWNLOAD, seconds(copiedAt, System.nanoTime()));
        return phases;
    }

    /**
     * Reads {@code actual} to its end and checks it is {@code size} bytes equal to {@code expected}: the
     * copy's hash is then the source's, without hashing a gigabyte again on the measured path.
     */
    static void sameBytes(InputStream actual, InputStream expected, long size) throws IOException {
        byte[] got = new byte[1 << 20];
        byte[] want = new byte[got.length];
        long read = 0;
        int n;
        while ((n = actual.readNBytes(got, 0, got.length)) > 0) {
            int m = expected.readNBytes(want, 0, n);
            if (m != n || java.util.Arrays.mismatch(got, 0, n, want, 0, n) >= 0) {
                throw new IllegalStateException(
                        "the copy differs from the table within bytes " + read + ".." + (read + n));
            }
            read += n;
        }
        if (read != size) {
            throw new IllegalStateException("the copy has " + read + " bytes, the table " + size);
        }
    }

    private static void check(String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + " is " + actual + ", expected " + expected);
        }
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
