package dev.computefabric.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.schemas.IdempotencyKeys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Calls over HTTP, as a user would: to either gateway, waiting for the answer, moving on when a gateway is down. */
final class HttpCaller {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WAIT = "20s";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CANCEL_AFTER = Duration.ofMillis(200);
    static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELLED", "TIMED_OUT");
    /** How long a caller keeps trying to get a call accepted: longer than a gateway takes to restart. */
    static final Duration RETRY_FOR = Duration.ofSeconds(120);

    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(4);

    private final List<String> gateways;
    private final byte[] table;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param table the CSV each table call uploads (again: stored once, its lease renewed) and then names by hash */
    HttpCaller(List<String> gateways, byte[] table) {
        this.gateways = List.copyOf(gateways);
        this.table = table.clone();
    }

    /**
     * Submits {@code call} as a careful client does: with its chaos id as {@code Idempotency-Key}, so that a retry
     * can never make a second call; on a refused connection at once to the other gateway, and on a broken
     * connection, a timeout or a 503 again after a pause, until {@link #RETRY_FOR} has passed. Any other refusal
     * is final (a 4xx is the harness's mistake, a 500 the fabric's).
     */
    void call(TrackedCall call, int gateway) {
        long giveUpAt = System.nanoTime() + RETRY_FOR.toNanos();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 0; ; attempt++) {
            String base = gateways.get((gateway + attempt) % gateways.size());
            String retryBecause;
            try {
                retryBecause = submit(call, base);
            } catch (ConnectException refused) {
                // Nothing was sent there: the other gateway may take it at once.
                retryBecause = "connection refused";
                if (attempt % gateways.size() < gateways.size() - 1) {
                    continue;
                }
            } catch (IOException broken) {
                // Accepted or not, only the gateway knows: the same key again asks it.
                retryBecause = "cut off";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (retryBecause == null) {
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                if (retryBecause.equals("cut off")) {
                    call.submitted(TrackedCall.Submission.UNKNOWN, null);
                } else {
                    call.refused(retryBecause + ", retried for " + RETRY_FOR.toSeconds() + " s");
                }
                return;
            }
            call.retried();
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** One attempt at {@code base}: null when it ended the call's submission, else why to try again. */
    private String submit(TrackedCall call, String base) throws IOException, InterruptedException {
        // As a user would: upload, then name the table. The sweep must keep it from then on.
        String sha256 = null;
        if (call.kind == CallKind.TABLE) {
            HttpResponse<String> upload = upload(base);
            if (upload.statusCode() == 503) {
                return "table upload: HTTP 503";
            }
            if (upload.statusCode() / 100 != 2) {
                call.refused("table upload: HTTP " + upload.statusCode());
                return null;
            }
            sha256 = JSON.readTree(upload.body()).path("sha256").asText(null);
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/calls"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header(IdempotencyKeys.HEADER, call.chaosId)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body(call, sha256).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503 || response.statusCode() == 429) {
            return "HTTP " + response.statusCode();
        }
        handle(call, base, response);
        return null;
    }

    /** An echo through {@code gateway} that must finish: how the fault injector sees the fabric healed. */
    boolean probe(String gateway) {
        ObjectNode body = JSON.createObjectNode().put("function", "echo").put("wait", WAIT);
        body.putObject("args").put("probe", true);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/v1/calls"))
                            .timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "FINISHED"
                            .equals(JSON.readTree(response.body()).path("state").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void handle(TrackedCall call, String base, HttpResponse<String> response)
            throws IOException, InterruptedException {
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            call.refused("HTTP " + response.statusCode());
            return;
        }
        JsonNode answer = JSON.readTree(response.body());
        String callId = answer.path("callId").asText(null);
        call.submitted(TrackedCall.Submission.ACCEPTED, callId);
        String state = answer.path("state").asText();
        if (response.statusCode() == 200 && TERMINAL.contains(state)) {
            JsonNode output = answer.get("output");
            call.answered(new TrackedCall.Answer(state, output == null || output.isNull() ? null : output.toString()));
        }
        if (call.kind == CallKind.CANCEL && callId != null) {
            Thread.sleep(CANCEL_AFTER.toMillis());
            try {
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/calls/" + callId))
                                .timeout(REQUEST_TIMEOUT)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // A gateway gone while cancelling: the call then simply runs to its end.
            }
        }
    }

    /** The gateway's answer to the upload: on success, the stored table's hash in {@code sha256}. */
    private HttpResponse<String> upload(String base) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/tables"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(table))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ObjectNode body(TrackedCall call, String tableSha256) {
        ObjectNode body = JSON.createObjectNode();
        // The call is known by its Idempotency-Key: its arguments are only what the function takes.
        ObjectNode args = JSON.createObjectNode();
        switch (call.kind) {
            case ECHO -> {
                // Echo takes any arguments: its answer names the call, so an answer mixed up with another's shows.
                body.put("function", "echo").put("wait", WAIT);
                args.put("chaosId", call.chaosId);
            }
            case SLEEP -> {
                body.put("function", "sleep").put("wait", WAIT);
                args.put("ms", sleepMs(call));
            }
            case TABLE -> {
                body.put("function", "table.describe").put("wait", WAIT);
                body.putObject("tables").putObject("data").put("format", "csv").put("sha256", tableSha256);
            }
            case CACHED -> {
                body.put("function", "echo").put("wait", WAIT);
                body.putObject("cache").put("ttl", "300s");
                // Few distinct arguments, so most calls are answered from the cache.
                args.put("cached", call.index % 20);
            }
            case CANCEL -> {
                body.put("function", "sleep");
                args.put("ms", CallKind.MAX_SLEEP_MS);
            }
            case DEADLINE -> {
                body.put("function", "sleep").put("wait", WAIT).put("timeoutMs", CallKind.DEADLINE_MS);
                args.put("ms", CallKind.MAX_SLEEP_MS);
            }
        }
        body.set("args", args);
        return body;
    }

    static long sleepMs(TrackedCall call) {
        // From the index, so a Kafka and an HTTP caller of the same seed sleep alike.
        return (call.index * 7_919L) % (CallKind.MAX_SLEEP_MS + 1);
    }
}
