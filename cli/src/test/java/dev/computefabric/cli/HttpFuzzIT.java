package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.tables.TableStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad HTTP input against the real gateway, generated from fixed seeds: every answer is below 500, an error names
 * what is wrong ({@code message}), nothing hangs, a lying upload stores nothing, and a normal call still finishes.
 */
@ExtendWith(SharedFabric.class)
class HttpFuzzIT {

    static final long SEED = 16;
    /** Far longer than any answer takes: a request still unanswered then is a hang. */
    static final Duration HANG = Duration.ofSeconds(90);

    private final Map<String, Integer> tried = new LinkedHashMap<>();
    private final Map<String, Integer> accepted = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Answers of a kind found and not fixed yet; printed, and docs/reliability.md lists them as open. */
    private final List<String> open = new ArrayList<>();
    /** What the next check is about, for a failure to name it. */
    private String input = "";

    @Test
    void badRequestsGetAClear4xxNever5xxOrAHangAndTheFabricKeepsServing(LocalFabric fabric) {
        RawHttp http = new RawHttp(fabric.gatewayUrl(), HANG);
        FuzzInputs inputs = new FuzzInputs(SEED);

        for (int i = 0; i < 150; i++) {
            check("random bytes", http.send("POST", "/v1/calls", "application/json", "", inputs.randomBytes(2_000)));
        }
        for (int i = 0; i < 200; i++) {
            check("random JSON", postCall(http, inputs.randomJson(4).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 300; i++) {
            check("mutated call", postCall(http, inputs.mutated()));
        }
        for (String field : FuzzInputs.FIELDS) {
            for (String value : FuzzInputs.WRONG_VALUES) {
                input = field + ": " + value;
                check("wrong types", postCall(http, utf8(FuzzInputs.withField(field, value))));
            }
        }
        for (int depth : new int[] {100, 1_000, 5_000, 50_000, 500_000}) {
            for (boolean objects : new boolean[] {true, false}) {
                input = "depth " + depth + (objects ? " objects" : " arrays");
                check("deep nesting", postCall(http, utf8(FuzzInputs.nested(depth, objects, true))));
                check("deep nesting", postCall(http, utf8(FuzzInputs.nested(depth, objects, false))));
            }
        }
        for (String field : List.of("function", "requirements", "wait", "timeoutMs", "slots")) {
            for (int length : new int[] {10_000, 1_000_000}) {
                input = field + " of " + length + " characters";
                check("huge strings", postCall(http, utf8(FuzzInputs.withHugeString(field, length))));
            }
        }
        check(
                "huge strings",
                postCall(http, utf8(FuzzInputs.withField("args", "{\"t\": \"" + "y".repeat(5_000_000) + "\"}"))));
        check(
                "huge strings",
                postCall(http, utf8(FuzzInputs.withField("tables", "{\"" + "n".repeat(100_000) + "\": {}}"))));
        check(
                "huge strings",
                postCall(
                        http, utf8("{\"function\": \"echo\", \"args\": {\"t\": \"" + "z".repeat(40_000_000) + "\"}}")));
        for (byte[] body : inputs.invalidUtf8()) {
            check("invalid UTF-8", postCall(http, body));
        }
        hugeHeaders(http);
        contentTypes(http);
        junkPaths(http, inputs);
        lyingUploads(http, inputs, fabric);

        System.out.println(
                "HttpFuzzIT inputs per surface " + tried + "; accepted as valid " + accepted + "; known open " + open);
        assertThat(open).as("known open findings (docs/reliability.md)").hasSizeLessThanOrEqualTo(2);
        assertThat(failures)
                .as("answers that were 5xx, hung, or an error without a message")
                .isEmpty();
        assertThat(tried.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(1_000);
        tried.forEach((surface, count) -> assertThat(count).as(surface).isGreaterThanOrEqualTo(10));

        ObjectNode normal =
                TableHttp.JSON.createObjectNode().put("function", "echo").put("wait", "60s");
        normal.putObject("args").put("after", "fuzz");
        TableHttp.Answer answer = new TableHttp(fabric.gatewayUrl()).submit(normal);
        assertThat(answer.body().path("state").asText())
                .as("answer %s", answer.body())
                .isEqualTo("FINISHED");
    }

    private void hugeHeaders(RawHttp http) {
        byte[] call = utf8(FuzzInputs.VALID_CALL);
        for (int length : new int[] {8_000, 16_000, 100_000, 1_000_000}) {
            input = "headers of " + length + " bytes";
            check(
                    "huge headers",
                    http.send("POST", "/v1/calls", "application/json", "X-Fuzz: " + "h".repeat(length) + "\r\n", call));
            check(
                    "huge headers",
                    http.send("POST", "/v1/calls", "application/json", "X" + "n".repeat(length) + ": 1\r\n", call));
            check("huge headers", http.send("GET", "/v1/calls?status=" + "q".repeat(length), null, "", new byte[0]));
        }
        for (int count : new int[] {100, 1_000, 10_000}) {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < count; i++) {
                many.append("X-Fuzz-")
                        .append(i)
                        .append(": ")
                        .append("v".repeat(20))
                        .append("\r\n");
            }
            check("huge headers", http.send("POST", "/v1/calls", "application/json", many.toString(), call));
        }
    }

    private void contentTypes(RawHttp http) {
        byte[] call = utf8(FuzzInputs.VALID_CALL);
        for (String type : new String[] {
            null,
            "",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=zzz",
            "application/json; charset=utf-16",
            "application/json; charset=nonsense",
            "*/*",
            "application/json, text/plain",
            "\u00ff/\u00fe"
        }) {
            input = "Content-Type " + type;
            check("content types", http.send("POST", "/v1/calls", type, "", call));
        }
    }

    private void junkPaths(RawHttp http, FuzzInputs inputs) {
        String[] templates = {
            "/v1/calls/%s",
            "/v1/calls/%s/details",
            "/v1/calls/%s/outputs/%s",
            "/v1/calls?%s=%s",
            "/v1/tables/%s",
            "/v1/executors?%s",
            "/v1/calls/%s?wait=%s"
        };
        for (int i = 0; i < 140; i++) {
            String template = templates[i % templates.length];
            String path = template.formatted(junk(inputs), junk(inputs));
            input = path.length() > 200 ? path.substring(0, 200) + "…" : path;
            check("junk paths", http.send(i % 3 == 0 ? "DELETE" : "GET", path, null, "", new byte[0]));
        }
        check("junk paths", http.send("BREW", "/v1/calls", null, "", new byte[0]));
        check("junk paths", http.send("PUT", "/v1/calls", "application/json", "", utf8(FuzzInputs.VALID_CALL)));
    }

    /** Text that fits a request line: printable, percent-escapes (valid or not), and very long runs. */
    private static String junk(FuzzInputs inputs) {
        String alphabet = "abcXYZ019-_.~%25%00%ff%zz/../;=&?#+@!$'()*,";
        StringBuilder text = new StringBuilder();
        int length = inputs.nextInt(10) == 0 ? 5_000 : inputs.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(inputs.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private void lyingUploads(RawHttp http, FuzzInputs inputs, LocalFabric fabric) {
        List<String> mustNotBeStored = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] body = csv(inputs, 1_000 + inputs.nextInt(50_000));
            long announced = body.length + 1 + inputs.nextInt(100_000);
            String head = "POST /v1/tables HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: " + announced + "\r\n\r\n";
            check("uploads that lie", http.exchange(head.getBytes(StandardCharsets.ISO_8859_1), body, true));
            mustNotBeStored.add(TableHttp.sha256(body));
        }
        for (int i = 0; i < 12; i++) {
            byte[] body = csv(inputs, 1_000 + inputs.nextInt(50_000));
            String head = "POST /v1/tables HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length + 1 + inputs.nextInt(1_000))
                    + "\r\n";
            check("uploads that lie", http.exchange(head.getBytes(StandardCharsets.ISO_8859_1), body, true));
            mustNotBeStored.add(TableHttp.sha256(body));
        }
        for (int i = 0; i < 12; i++) {
            byte[] body = csv(inputs, 1_000 + inputs.nextInt(50_000));
            String lie = switch (i % 4) {
                case 0 -> TableHttp.sha256(csv(inputs, 10));
                case 1 -> "zz" + TableHttp.sha256(body).substring(2);
                case 2 -> TableHttp.sha256(body).substring(1);
                default -> TableHttp.sha256(body).toUpperCase() + "00";
            };
            check(
                    "uploads that lie",
                    http.send("POST", "/v1/tables", "text/csv", "X-Content-SHA256: " + lie + "\r\n", body));
            mustNotBeStored.add(TableHttp.sha256(body));
        }
        try (TableStore storage = new TableStore(LargeTablesIT.s3Of(fabric))) {
            for (String sha256 : mustNotBeStored) {
                if (storage.exists(sha256)) {
                    failures.add("uploads that lie: a lying upload was stored as " + sha256);
                }
            }
        }
    }

    /** Fresh CSV of about {@code bytes} bytes, never stored before (a random salt). */
    private static byte[] csv(FuzzInputs inputs, int bytes) {
        StringBuilder text = new StringBuilder("id,salt\n");
        String salt = UUID.randomUUID().toString();
        for (int i = 0; text.length() < bytes; i++) {
            text.append(i).append(',').append(salt).append(inputs.nextInt(10)).append('\n');
        }
        return utf8(text.toString());
    }

    private RawHttp.Reply postCall(RawHttp http, byte[] body) {
        return http.send("POST", "/v1/calls", "application/json", "", body);
    }

    private void check(String surface, RawHttp.Reply reply) {
        tried.merge(surface, 1, Integer::sum);
        String about = input.isEmpty() ? surface : surface + " (" + input + ")";
        input = "";
        if (reply.hung()) {
            failures.add(about + ": no answer within " + HANG);
        } else if (knownOpen(surface, about, reply)) {
            open.add(about + ": " + reply);
        } else if (reply.status() >= 500 || reply.status() < 200) {
            failures.add(about + ": " + reply);
        } else if (reply.status() >= 400 && !reply.hasMessage()) {
            failures.add(about + ": an error without a message: " + reply);
        } else if (reply.status() < 300) {
            accepted.merge(surface, 1, Integer::sum);
        }
    }

    /**
     * Open: a path parameter ({@code ;--%%$=f}) with a malformed escape before a query with one ({@code %Z0}) gets a
     * bare 500 from the container (no exception reaches the gateway's error page); cause not found yet.
     */
    private static boolean knownOpen(String surface, String about, RawHttp.Reply reply) {
        return surface.equals("junk paths")
                && reply.status() == 500
                && reply.body().contains("\"internal_server_error\"")
                && about.contains(";")
                && about.contains("%");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
