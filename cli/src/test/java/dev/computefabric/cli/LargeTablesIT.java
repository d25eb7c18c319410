package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.TableStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tables far above the inline limit through the whole fabric: uploaded to the gateway as a stream, stored in S3
 * by hash, read by an executor, written back as outputs and downloaded. Gateway and executors run at -Xmx256m.
 */
@ExtendWith(SharedFabric.class)
class LargeTablesIT {

    static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;
    static final Duration CALL_DEADLINE = Duration.ofMinutes(3);

    private LocalFabric fabric;
    private TableHttp gateway;
    private TableStore storage;

    @BeforeEach
    void connect(LocalFabric fabric) {
        this.fabric = fabric;
        this.gateway = new TableHttp(fabric.gatewayUrl());
        this.storage = new TableStore(s3Of(fabric));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aTwoHundredMegabyteCsvUploadedThroughTheGatewayIsDescribedRight() {
        assertThat(componentHeaps()).as("-Xmx of gateway and executors").containsOnly("-Xmx256m");
        GeneratedCsv csv = new GeneratedCsv(TWO_HUNDRED_MB);

        long start = System.nanoTime();
        TableHttp.Answer uploaded = gateway.upload(() -> csv, "text/csv", null);
        double uploadSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(uploaded.status()).as("upload answer %s", uploaded.body()).isEqualTo(201);
        assertThat(uploaded.body().path("sizeBytes").asLong())
                .isEqualTo(csv.bytes())
                .isGreaterThanOrEqualTo(TWO_HUNDRED_MB);
        String sha256 = uploaded.body().path("sha256").asText();
        assertThat(uploaded.body().path("uri").asText()).isEqualTo("s3://fabric/tables/" + sha256);
        assertThat(storage.stat(sha256))
                .hasValueSatisfying(o -> assertThat(o.sizeBytes()).isEqualTo(csv.bytes()));

        long described = System.nanoTime();
        JsonNode call = finished(gateway.submit(callByHash("table.describe", "data", "csv", sha256)));
        double describeSeconds = (System.nanoTime() - described) / 1e9;

        assertThat(call.path("state").asText()).as("call %s", call).isEqualTo("FINISHED");
        JsonNode output = call.path("output");
        assertThat(output.path("rows").asLong()).isEqualTo(csv.rows());
        JsonNode id = output.path("columns").path("id");
        assertThat(id.path("count").asLong()).isEqualTo(csv.rows());
        assertThat(id.path("min").asDouble()).isEqualTo(1.0);
        assertThat(id.path("max").asDouble()).isEqualTo(csv.rows());
        assertThat(id.path("mean").asDouble()).isCloseTo((csv.rows() + 1) / 2.0, within(1e-6));
        JsonNode value = output.path("columns").path("value");
        assertThat(value.path("min").asDouble()).isEqualTo(csv.minValue());
        assertThat(value.path("max").asDouble()).isEqualTo(csv.maxValue());
        assertThat(value.path("mean").asDouble()).isCloseTo(csv.meanValue(), within(1e-6));
        JsonNode label = output.path("columns").path("label");
        assertThat(label.path("count").asLong()).isEqualTo(csv.rows());
        assertThat(label.path("mean").isNull()).isTrue();
        System.out.printf(
                "200 MB table: %d bytes, %d rows; upload %.1f s (%.0f MB/s), describe %.1f s%n",
                csv.bytes(), csv.rows(), uploadSeconds, csv.bytes() / 1e6 / uploadSeconds, describeSeconds);
    }

    @Test
    void anOutputLargerThanTheInlineLimitDownloadsWithTheRightSha256() throws IOException {
        long rows = 100_000;
        byte[] expected = generated(rows);
        ObjectNode request = TableHttp.JSON
                .createObjectNode()
                .put("function", "table.generate")
                .put("wait", "60s");
        request.putObject("args").put("rows", rows);

        JsonNode call = finished(gateway.submit(request));

        assertThat(call.path("state").asText()).as("call %s", call).isEqualTo("FINISHED");
        JsonNode table = call.path("tables").path("data");
        assertThat(table.has("content"))
                .as("a large table is a link, not inline: %s", table)
                .isFalse();
        assertThat(table.path("sizeBytes").asLong()).isEqualTo(expected.length).isGreaterThan(256 * 1024);
        assertThat(table.path("sha256").asText()).isEqualTo(TableHttp.sha256(expected));
        assertThat(table.path("href").asText())
                .isEqualTo("/v1/calls/" + call.path("callId").asText() + "/outputs/data");

        TableHttp.Download download = gateway.download(table.path("href").asText());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.sha256()).isEqualTo(TableHttp.sha256(expected));
        assertThat(download.bytes()).isEqualTo(expected.length).isEqualTo(download.contentLength());
        assertThat(download.sha256Header()).isEqualTo(download.sha256());
        assertThat(download.etag()).isEqualTo("\"" + download.sha256() + "\"");
        assertThat(download.contentType()).startsWith("text/csv");
    }

    @Test
    void aSmallOutputStaysInlineAndDownloadsToo() {
        ObjectNode request = TableHttp.JSON
                .createObjectNode()
                .put("function", "table.generate")
                .put("wait", "60s");
        request.putObject("args").put("rows", 2).put("format", "jsonl");

        JsonNode call = finished(gateway.submit(request));

        String content = "{\"id\":1,\"value\":7919,\"label\":\"r1\"}\n{\"id\":2,\"value\":5831,\"label\":\"r2\"}\n";
        assertThat(call.path("tables").path("data").path("content").asText()).isEqualTo(content);
        TableHttp.Download download =
                gateway.download("/v1/calls/" + call.path("callId").asText() + "/outputs/data");
        assertThat(download.sha256()).isEqualTo(TableHttp.sha256(content.getBytes(StandardCharsets.UTF_8)));
        assertThat(download.contentType()).startsWith("application/x-ndjson");
    }

    @Test
    void aGatewayConfiguredToRedirectSendsDownloadsToAPresignedUrl() {
        ChildJvm redirecting = new FabricComponents(fabric.stack())
                .startGateway(
                        "gw-redirect-" + UUID.randomUUID().toString().substring(0, 8),
                        "--fabric.outputs.redirect=true",
                        "--fabric.tables.sweep=false");
        try {
            TableHttp viaRedirect = new TableHttp(redirecting.address());
            byte[] expected = generated(30_000);
            ObjectNode request = TableHttp.JSON
                    .createObjectNode()
                    .put("function", "table.generate")
                    .put("wait", "60s");
            request.putObject("args").put("rows", 30_000);
            JsonNode call = finished(viaRedirect.submit(request));
            String href = call.path("tables").path("data").path("href").asText();

            TableHttp.Download redirect = viaRedirect.download(href);

            assertThat(redirect.status()).isEqualTo(307);
            URI presigned = URI.create(redirect.location());
            assertThat(presigned.toString())
                    .startsWith(fabric.stack().s3Endpoint())
                    .contains("X-Amz-Signature=");
            TableHttp.Download fromS3 = viaRedirect.download(presigned.toString());
            assertThat(fromS3.status()).isEqualTo(200);
            assertThat(fromS3.sha256()).isEqualTo(TableHttp.sha256(expected));
        } finally {
            redirecting.stop();
        }
    }

    @Test
    void uploadingTheSameTableTwiceStoresOneObject() {
        byte[] table =
                ("id,note\n" + ("1," + UUID.randomUUID() + "\n").repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        String sha256 = TableHttp.sha256(table);
        long tablesBefore = storage.listTables().count();

        TableHttp.Answer first = gateway.upload(() -> new ByteArrayInputStream(table), "text/csv", sha256);
        assertThat(storage.leaseOf(sha256)).as("a new table needs no lease").isEmpty();
        TableHttp.Answer second = gateway.upload(table, "text/csv");
        String boundary = "b-" + UUID.randomUUID();
        TableHttp.Answer asPart = gateway.submitMultipart(
                TableHttp.multipart(
                        boundary,
                        "call",
                        "application/json",
                        "{\"function\": \"table.describe\", \"wait\": \"60s\"}",
                        "data",
                        "text/csv",
                        new String(table, StandardCharsets.UTF_8)),
                boundary);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.body().path("sha256").asText()).isEqualTo(sha256);
        assertThat(finished(asPart).path("output").path("rows").asLong()).isEqualTo(20_000);
        assertThat(storage.listTables().filter(o -> o.sha256().equals(sha256)).count())
                .isEqualTo(1);
        assertThat(storage.listTables().count()).as("objects under tables/").isEqualTo(tablesBefore + 1);
        assertThat(storage.leaseOf(sha256))
                .as("reusing the stored table leased it")
                .isPresent();
    }

    @Test
    void aTableCopyMovesAnUploadedTableToAnOutputWithoutStoringItAgain() {
        byte[] table =
                ("{\"k\": \"" + UUID.randomUUID() + "\"}\n").repeat(10_000).getBytes(StandardCharsets.UTF_8);
        TableHttp.Answer uploaded = gateway.upload(table, "application/x-ndjson");
        String sha256 = uploaded.body().path("sha256").asText();

        JsonNode call = finished(gateway.submit(callByHash("table.copy", "data", "jsonl", sha256)));

        JsonNode copy = call.path("tables").path("data");
        assertThat(copy.path("sha256").asText()).isEqualTo(sha256);
        assertThat(copy.path("format").asText()).isEqualTo("jsonl");
        assertThat(call.path("output").path("bytes").asLong()).isEqualTo(table.length);
        TableHttp.Download download = gateway.download(copy.path("href").asText());
        assertThat(download.sha256()).isEqualTo(sha256);
    }

    /** Waits for the call the answer names to end; returns it. */
    JsonNode finished(TableHttp.Answer accepted) {
        assertThat(accepted.status()).as("answer %s", accepted.body()).isIn(200, 202);
        if (accepted.status() == 200) {
            return accepted.body();
        }
        String callId = accepted.body().path("callId").asText();
        JsonNode[] call = new JsonNode[1];
        await().atMost(CALL_DEADLINE).until(() -> {
            call[0] = gateway.get("/v1/calls/" + callId + "?wait=30s").body();
            return !List.of("ACCEPTED", "RUNNING", "RETRYING")
                    .contains(call[0].path("state").asText());
        });
        return call[0];
    }

    static ObjectNode callByHash(String function, String table, String format, String sha256) {
        ObjectNode request =
                TableHttp.JSON.createObjectNode().put("function", function).put("wait", "60s");
        request.putObject("tables").putObject(table).put("format", format).put("sha256", sha256);
        return request;
    }

    /** What {@code table.generate} writes for {@code rows} rows, as its documentation describes it. */
    static byte[] generated(long rows) {
        StringWriter csv = new StringWriter();
        csv.write("id,value,label\n");
        for (long i = 1; i <= rows; i++) {
            csv.write(i + "," + (i * 7919) % 10007 + ",r" + (i % 97) + "\n");
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The -Xmx option of every running gateway and executor, from their command lines. */
    private List<String> componentHeaps() {
        return fabric.stack().children().stream()
                .filter(child -> child.isAlive()
                        && (child.name().startsWith("gw-") || child.name().startsWith("executor-")))
                .flatMap(child -> commandLine(child.pid()).stream().filter(arg -> arg.startsWith("-Xmx")))
                .toList();
    }

    private static List<String> commandLine(long pid) {
        try {
            return Arrays.asList(new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack's S3 settings, as the fabric's components get them. */
    static S3Settings s3Of(LocalFabric fabric) {
        var stack = fabric.stack();
        return new S3Settings(
                URI.create(stack.s3Endpoint()),
                stack.s3Bucket(),
                stack.s3AccessKey(),
                stack.s3SecretKey(),
                S3Settings.DEFAULT_REGION);
    }

    /** A plain S3 client of the stack's S3: what a test that puts storage into a state by hand uses. */
    static S3Client plainS3Of(LocalFabric fabric) {
        S3Settings settings = s3Of(fabric);
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
