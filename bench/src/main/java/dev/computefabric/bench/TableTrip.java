package dev.computefabric.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table through the whole fabric over HTTP: upload it ({@code POST /v1/tables}), have an executor copy
 * it ({@code table.copy}, input {@code data} by hash, output {@code data}), download the copy
 * ({@code GET /v1/calls/{id}/outputs/data}). Streams both ways; checks the hashes and every byte.
 *
 * <p>The table's bytes go through {@link HttpURLConnection}, the HTTP stack the floor's S3 client uses, in pieces
 * of {@value #PIECE_BYTES} bytes: {@code java.net.http.HttpClient} hands a body over in 16 KiB buffers between its
 * own threads, which cost a 1 GiB download a second more than the connection (docs/benchmarks.md), the client's
 * time, not the fabric's.
 */
final class TableTrip {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String UPLOAD = "upload";
    static final String CALL = "call";
    static final String DOWNLOAD = "download";
    static final int PIECE_BYTES = 1 << 20;

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
        HttpURLConnection upload = open("v1/tables");
        upload.setRequestMethod("POST");
        upload.setRequestProperty("Content-Type", "text/csv");
        upload.setDoOutput(true);
        upload.setFixedLengthStreamingMode(size);
        try (InputStream table = new CsvSource(maxBytes);
                OutputStream body = upload.getOutputStream()) {
            byte[] piece = new byte[PIECE_BYTES];
            int n;
            while ((n = table.readNBytes(piece, 0, piece.length)) > 0) {
                body.write(piece, 0, n);
            }
        }
        if (upload.getResponseCode() != 201) {
            throw new IllegalStateException("upload refused: HTTP " + upload.getResponseCode() + " " + error(upload));
        }
        JsonNode ref;
        try (InputStream answer = upload.getInputStream()) {
            ref = JSON.readTree(answer);
        }
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

        HttpURLConnection download = open("v1/calls/" + callId + "/outputs/data");
        if (download.getResponseCode() != 200) {
            throw new IllegalStateException(
                    "download refused: HTTP " + download.getResponseCode() + " " + error(download));
        }
        try (InputStream body = download.getInputStream();
                CsvSource expected = new CsvSource(maxBytes)) {
            sameBytes(body, expected, size);
        }
        phases.put(DOWNLOAD, seconds(copiedAt, System.nanoTime()));
        return phases;
    }

    private HttpURLConnection open(String path) throws IOException {
        return (HttpURLConnection) base.resolve(path).toURL().openConnection();
    }

    private static String error(HttpURLConnection connection) throws IOException {
        try (InputStream body = connection.getErrorStream()) {
            return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
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
