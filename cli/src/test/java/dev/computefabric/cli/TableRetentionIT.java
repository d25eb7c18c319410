package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.tables.TableStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The retention sweep on the real fabric: a gateway sweeping every second with a retention of three seconds
 * removes what nothing references, and keeps the input of a live call and the output of a kept call status.
 */
@ExtendWith(SharedFabric.class)
class TableRetentionIT {

    static final Duration SWEEP_DEADLINE = Duration.ofSeconds(60);

    @Test
    void unreferencedTablesGoAfterTheRetentionPeriodWhileLiveCallsAndKeptResultsKeepTheirs(LocalFabric fabric)
            throws Exception {
        ChildJvm sweeping = new FabricComponents(fabric.stack())
                .startGateway(
                        "gw-sweep-" + UUID.randomUUID().toString().substring(0, 8),
                        "--fabric.tables.retention=3s",
                        "--fabric.tables.sweep-interval=1s");
        try (TableStore storage = new TableStore(LargeTablesIT.s3Of(fabric))) {
            TableHttp gateway = new TableHttp(fabric.gatewayUrl());
            String unreferenced =
                    gateway.upload(csv(), "text/csv").body().path("sha256").asText();
            String input =
                    gateway.upload(csv(), "text/csv").body().path("sha256").asText();
            TableHttp.Answer accepted = submitQueued(gateway, input);
            ObjectNode generate = TableHttp.JSON
                    .createObjectNode()
                    .put("function", "table.generate")
                    .put("wait", "60s");
            generate.putObject("args").put("rows", 60_000 + new java.util.Random().nextInt(10_000));
            JsonNode finished = gateway.submit(generate).body();
            String output = finished.path("tables").path("data").path("sha256").asText();
            assertThat(storage.exists(output)).isTrue();

            await().atMost(SWEEP_DEADLINE).until(() -> !storage.exists(unreferenced));

            assertThat(storage.exists(input)).as("the input of a queued call").isTrue();
            assertThat(storage.exists(output))
                    .as("the output of a finished call whose status is kept")
                    .isTrue();

            cancel(fabric, accepted.body().path("callId").asText());

            await().atMost(SWEEP_DEADLINE).until(() -> !storage.exists(input));
            assertThat(storage.exists(output)).isTrue();
        } finally {
            sweeping.stop();
        }
    }

    /**
     * The sweep must not learn that a call is live from {@code fabric.status}: a router that is stopped, behind, or
     * holding a call's first status back has published nothing for a call an executor may already run.
     */
    @Test
    void aQueuedCallKeepsItsInputWhileTheRouterHasNotSeenTheCall(LocalFabric fabric) throws Exception {
        fabric.router().stop();
        ChildJvm sweeping = null;
        String callId;
        String input;
        try (TableStore storage = new TableStore(LargeTablesIT.s3Of(fabric))) {
            sweeping = new FabricComponents(fabric.stack())
                    .startGateway(
                            "gw-late-" + UUID.randomUUID().toString().substring(0, 8),
                            "--fabric.tables.retention=3s",
                            "--fabric.tables.sweep-interval=1s");
            TableHttp gateway = new TableHttp(sweeping.address());
            input = gateway.upload(csv(), "text/csv").body().path("sha256").asText();
            TableHttp.Answer accepted = submitQueued(gateway, input);
            callId = accepted.body().path("callId").asText();
            String later =
                    gateway.upload(csv(), "text/csv").body().path("sha256").asText();

            // A table uploaded after the call was written goes only in a sweep that saw the call older than the
            // retention, and with no status at all.
            await().atMost(SWEEP_DEADLINE).until(() -> !storage.exists(later));

            assertThat(storage.exists(input))
                    .as("the input of a queued call the router has not seen")
                    .isTrue();
        } finally {
            if (sweeping != null) {
                sweeping.stop();
            }
            if (!fabric.router().isAlive()) {
                fabric.restartRouter();
            }
        }
        // Once the router is back the call can end, and then its input may go.
        ChildJvm sweepingAgain = new FabricComponents(fabric.stack())
                .startGateway(
                        "gw-late-" + UUID.randomUUID().toString().substring(0, 8),
                        "--fabric.tables.retention=3s",
                        "--fabric.tables.sweep-interval=1s");
        try (TableStore storage = new TableStore(LargeTablesIT.s3Of(fabric))) {
            cancel(fabric, callId);
            await().atMost(SWEEP_DEADLINE).until(() -> !storage.exists(input));
        } finally {
            sweepingAgain.stop();
        }
    }

    @Test
    void anUploadLeftUnfinishedIsAbortedAfterTheRetentionPeriod(LocalFabric fabric) throws Exception {
        ChildJvm sweeping = new FabricComponents(fabric.stack())
                .startGateway(
                        "gw-uploads-" + UUID.randomUUID().toString().substring(0, 8),
                        "--fabric.tables.retention=3s",
                        "--fabric.tables.sweep-interval=1s");
        String bucket = fabric.stack().s3Bucket();
        byte[] firstPart = csv();
        String key = "tables/" + TableHttp.sha256(firstPart);
        try (TableStore storage = new TableStore(LargeTablesIT.s3Of(fabric));
                S3Client s3 = LargeTablesIT.plainS3Of(fabric)) {
            // What a gateway that stopped half-way through storing a table leaves: an upload with a part, never ended.
            String uploadId =
                    s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            s3.uploadPart(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(firstPart));
            assertThat(storage.listUnfinishedUploads()).contains(new TableStore.UnfinishedUpload(key, uploadId));

            await().atMost(SWEEP_DEADLINE)
                    .until(() -> storage.listUnfinishedUploads()
                            .noneMatch(u -> u.uploadId().equals(uploadId)));

            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix(key))
                            .uploads())
                    .as("uploads of the table in storage")
                    .isEmpty();
        } finally {
            sweeping.stop();
        }
    }

    /** A call for a capability no executor has: it stays queued, i.e. live, until it is cancelled. */
    private static TableHttp.Answer submitQueued(TableHttp gateway, String inputSha256) throws Exception {
        ObjectNode queued = LargeTablesIT.callByHash("table.describe", "data", "csv", inputSha256);
        queued.remove("wait");
        queued.putArray("requirements")
                .add("nobody-" + UUID.randomUUID().toString().substring(0, 8));
        TableHttp.Answer accepted = gateway.submit(queued);
        assertThat(accepted.status()).as("answer %s", accepted.body()).isEqualTo(202);
        return accepted;
    }

    private static void cancel(LocalFabric fabric, String callId) throws Exception {
        HttpResponse<String> cancelled = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(fabric.gatewayUrl() + "/v1/calls/" + callId + "?wait=60s"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(cancelled.body()).as("cancel answer").contains("CANCELLED");
    }

    private static byte[] csv() {
        return ("id,salt\n" + ("1," + UUID.randomUUID() + "\n").repeat(10_000)).getBytes(StandardCharsets.UTF_8);
    }
}
