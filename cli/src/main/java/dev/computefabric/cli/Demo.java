package dev.computefabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The demo: a mix of calls submitted over HTTP at once, each result printed and checked against what
 * it must be, then one of them asked again and answered from the result cache, then a one-line summary.
 * Returns whether every call finished with the right result.
 */
final class Demo {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Small enough to travel inline in the call. */
    static final DemoTable SMALL_TABLE = new DemoTable(1_000);
    /** About 400 KB of CSV: above the 256 KiB inline limit, so it travels through S3 by reference. */
    static final DemoTable LARGE_TABLE = new DemoTable(25_000);
    /** The table of the script call: {@code examples/scripts/summarize.py} scales {@code amount} and adds it up. */
    static final String SALES = "region,amount\nnorth,10\nsouth,32.5\neast,7.5\n";

    /** A call and what its answer must be: {@code correct} sees the whole call as the gateway shows it. */
    private record DemoCall(String title, ObjectNode request, Predicate<JsonNode> correct) {}

    private final GatewayClient gateway;
    private final PrintStream out;

    Demo(GatewayClient gateway, PrintStream out) {
        this.gateway = gateway;
        this.out = out;
    }

    boolean run() {
        List<DemoCall> calls = calls();
        long start = System.nanoTime();
        List<CompletableFuture<GatewayClient.Answer>> answers = calls.stream()
                .map(call -> CompletableFuture.supplyAsync(() -> gateway.submit(call.request(), WAIT)))
                .toList();
        int passed = 0;
        for (int i = 0; i < calls.size(); i++) {
            passed += report(calls.get(i), answers.get(i).join()) ? 1 : 0;
        }
        DemoCall again = cachedAgain();
        passed += report(again, gateway.submit(again.request(), WAIT)) ? 1 : 0;
        passed += pipeline() ? 1 : 0;
        int total = calls.size() + 2;
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("demo: %d of %d calls FINISHED with correct results in %.1f s%n", passed, total, seconds);
        return passed == total;
    }

    /**
     * A pipeline: the large table described in 4 chunks on any nodes (a map step, each call reading only its part
     * from S3), then the 4 summaries merged (the reduce), which must equal the table's own description.
     */
    private boolean pipeline() {
        ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("name", "describe-in-chunks");
        request.putObject("tables").putObject("sales").put("format", "csv").put("content", LARGE_TABLE.csv());
        var steps = request.putArray("steps");
        ObjectNode parts = steps.addObject().put("name", "parts").put("function", "table.describe");
        parts.putObject("tables").put("input", "${tables.sales}");
        parts.putObject("map").put("table", "input").put("chunks", 4);
        ObjectNode total = steps.addObject().put("name", "total").put("function", "table.describe.merge");
        total.putObject("args").put("parts", "${parts.output}");
        GatewayClient.Answer answer = gateway.submitPipeline(request, WAIT);
        JsonNode last = answer.body().path("steps").path(1);
        boolean ok = answer.status() == 200
                && "FINISHED".equals(answer.state())
                && JsonMatch.matches(LARGE_TABLE.expectedDescription(), last.path("output"));
        out.printf(
                "%-4s %-44s %-9s %-11s %s%n",
                ok ? "ok" : "FAIL",
                "pipeline: describe in 4 chunks, then merge",
                answer.state(),
                answer.body().path("steps").path(0).path("executorIds").size() + " calls",
                abbreviate(ok ? last.path("output") : answer.body()));
        return ok;
    }

    private boolean report(DemoCall call, GatewayClient.Answer answer) {
        JsonNode body = answer.body();
        boolean ok = answer.status() == 200
                && "FINISHED".equals(answer.state())
                && call.correct().test(body);
        String ranOn =
                body.has("cachedFrom") ? "cache" : body.path("executorId").asText("-");
        out.printf(
                "%-4s %-44s %-9s %-11s %s%n",
                ok ? "ok" : "FAIL", call.title(), answer.state(), ranOn, abbreviate(ok ? body.path("output") : body));
        return ok;
    }

    private static List<DemoCall> calls() {
        ObjectNode echo = GatewayClient.call("echo");
        echo.putObject("args")
                .put("greeting", "hello, fabric")
                .putArray("numbers")
                .add(1)
                .add(2)
                .add(3);
        JsonNode echoArgs = echo.get("args").deepCopy();

        ObjectNode pythonEcho = GatewayClient.call("echo");
        pythonEcho.putObject("args").put("needs", "python");
        pythonEcho.putArray("requirements").add("python");
        JsonNode pythonArgs = pythonEcho.get("args").deepCopy();

        ObjectNode sleep = GatewayClient.call("sleep");
        sleep.putObject("args").put("ms", 300);

        // A script deployed on the executors (examples/scripts/summarize.py), not code sent in the call.
        ObjectNode summarize = GatewayClient.call("summarize");
        summarize.putArray("requirements").add("python");
        summarize.putObject("args").put("scale", 2);
        summarize.putObject("tables").putObject("sales").put("format", "csv").put("content", SALES);

        return List.of(
                new DemoCall(
                        "echo returns its arguments",
                        echo,
                        call -> call.path("output").equals(echoArgs)),
                new DemoCall(
                        "echo on a node with capability python",
                        pythonEcho,
                        call -> call.path("output").equals(pythonArgs)),
                new DemoCall("sleep 300 ms", sleep, call -> !call.path("output").isMissingNode()),
                new DemoCall(
                        "summarize.py script, table in and out",
                        summarize,
                        call -> call.path("output").path("total").asDouble() == 100.0
                                && call.path("tables")
                                        .path("summary")
                                        .path("content")
                                        .asText()
                                        .contains("south")),
                describe("table.describe, 1,000 rows inline", SMALL_TABLE),
                describe("table.describe, 25,000 rows via S3", LARGE_TABLE));
    }

    /** The large describe again: the router answers it from the result cache, without running it. */
    private static DemoCall cachedAgain() {
        DemoCall again = describe("the same describe again: from the cache", LARGE_TABLE);
        return new DemoCall(
                again.title(),
                again.request(),
                call -> call.has("cachedFrom") && again.correct().test(call));
    }

    /** A {@code table.describe} of {@code table}, cacheable: its numbers are checked against the table's own. */
    private static DemoCall describe(String title, DemoTable table) {
        ObjectNode request = GatewayClient.call("table.describe");
        request.putObject("tables").putObject("input").put("format", "csv").put("content", table.csv());
        request.put("cache", true);
        Map<String, Object> expected = table.expectedDescription();
        return new DemoCall(title, request, call -> JsonMatch.matches(expected, call.path("output")));
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
