package dev.computefabric.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private final List<String> gateways;
    private final byte[] table;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param table the CSV each table call uploads (again: stored once, its lease renewed) and then names by hash */
    HttpCaller(List<String> gateways, byte[] table) {
        this.gateways = List.copyOf(gateways);
        this.table = table.clone();
    }

    /** Submits {@code call} to its gateway (the other one if its gateway refuses the connection). */
    void call(TrackedCall call, int gateway) {
        for (int attempt = 0; attempt < gateways.size(); attempt++) {
            String base = gateways.get((gateway + attempt) % gateways.size());
            try {
                // As a user would: upload, then name the table. The sweep must keep it from then on.
                String sha256 = call.kind == CallKind.TABLE ? upload(base) : null;
                if (call.kind == CallKind.TABLE && sha256 == null) {
                    call.submitted(TrackedCall.Submission.REFUSED, null);
                    return;
                }
                ObjectNode body = body(call, sha256);
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/calls"))
                                .timeout(REQUEST_TIMEOUT)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                handle(call, base, response);
                return;
            } catch (ConnectException refused) {
                // Nothing was sent: the call was not accepted there, so the other gateway may take it.
                call.submitted(TrackedCall.Submission.REFUSED, null);
            } catch (IOException broken) {
                call.submitted(TrackedCall.Submission.UNKNOWN, null);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
            call.submitted(TrackedCall.Submission.REFUSED, null);
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

    /** The stored table's hash, or null when the gateway refused the upload. */
    private String upload(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/tables"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(table))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() / 100 == 2
                ? JSON.readTree(response.body()).path("sha256").asText(null)
                : null;
    }

    private ObjectNode body(TrackedCall call, String tableSha256) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode args = JSON.createObjectNode().put("chaosId", call.chaosId);
        switch (call.kind) {
            case ECHO -> body.put("function", "echo").put("wait", WAIT);
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
                // Few distinct arguments, so most calls are answered from the cache; no chaosId, it would make each
                // call distinct.
                args.remove("chaosId");
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
