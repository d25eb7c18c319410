package dev.computefabric.gateway.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.Caching;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.InvalidRequestException;
import dev.computefabric.gateway.calls.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineRequestParserTest {

    /** The example of the issue, as a client sends it. */
    static final String REPORT = """
            {"name": "report", "priority": "low", "timeoutMs": 600000,
             "tables": {"sales": {"format": "csv", "content": "a,b\\n1,2\\n"}},
             "steps": [
               {"name": "load", "function": "table.generate", "args": {"rows": 1000}},
               {"name": "describe", "function": "table.describe", "tables": {"data": "${load.tables.data}"}},
               {"name": "parts", "function": "table.describe", "tables": {"data": "${load.tables.data}"},
                "map": {"table": "data", "chunks": 8}},
               {"name": "total", "function": "table.describe.merge", "args": {"parts": "${parts.output}"},
                "requirements": ["python"], "after": ["describe"]}],
             "onFailure": {"name": "alert", "function": "echo", "args": {"failed": "${failure}"}},
             "wait": "30s"}
            """;

    private final PipelineRequestParser parser = new PipelineRequestParser(
            new CallRequestParser(Duration.ofSeconds(60), 64 * 1024), Caching.Policy.DEFAULTS);

    private PipelineSubmission parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusing(String json) {
        return assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theReportPipelineIsReadWithEveryStepAsWritten() {
        PipelineSubmission pipeline = parse(REPORT);

        assertThat(pipeline.name()).isEqualTo("report");
        assertThat(pipeline.priority()).isEqualTo(Priority.LOW);
        assertThat(pipeline.timeoutMs()).isEqualTo(600_000L);
        assertThat(pipeline.tables()).containsOnlyKeys("sales");
        assertThat(pipeline.tables().get("sales").format()).isEqualTo(TableFormat.CSV);
        assertThat(pipeline.requestedWait())
                .hasValueSatisfying(wait -> assertThat(wait.duration()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(pipeline.steps())
                .extracting(PipelineStep::getName)
                .containsExactly("load", "describe", "parts", "total");
        PipelineStep load = pipeline.steps().get(0);
        assertThat(load.getArgs()).isEqualTo("{\"rows\":1000}");
        assertThat(load.getTables()).isEmpty();
        assertThat(load.getMap()).isNull();
        PipelineStep parts = pipeline.steps().get(2);
        assertThat(parts.getTables()).isEqualTo(Map.of("data", "${load.tables.data}"));
        assertThat(parts.getMap().getTable()).isEqualTo("data");
        assertThat(parts.getMap().getChunks()).isEqualTo(8);
        PipelineStep total = pipeline.steps().get(3);
        assertThat(total.getRequirements()).containsExactly("python");
        assertThat(total.getAfter()).containsExactly("describe");
        assertThat(pipeline.onFailure().getName()).isEqualTo("alert");
        assertThat(pipeline.onFailure().getArgs()).isEqualTo("{\"failed\":\"${failure}\"}");
        assertThat(pipeline.caller()).isNull();
    }

    @Test
    void aBarePipelineGetsTheDefaults() {
        PipelineSubmission pipeline = parse("{\"steps\": [{\"name\": \"only\", \"function\": \"echo\"}]}");

        assertThat(pipeline.name()).isNull();
        assertThat(pipeline.priority()).isEqualTo(Priority.NORMAL);
        assertThat(pipeline.timeoutMs()).isNull();
        assertThat(pipeline.tables()).isEmpty();
        assertThat(pipeline.onFailure()).isNull();
        assertThat(pipeline.requestedWait()).isEmpty();
        assertThat(pipeline.steps().get(0).getArgs()).isEqualTo("{}");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheKnownOnes() {
        refusing("{\"steps\": [], \"retries\": 3}")
                .hasMessageContaining("unknown field \"retries\"")
                .hasMessageContaining("name, onFailure, priority, steps, tables, timeoutMs, wait");
    }

    @Test
    void anUnknownFieldOfAStepIsRefusedNamingTheStepAndTheKnownFields() {
        refusing("{\"steps\": [{\"name\": \"load\", \"function\": \"echo\", \"requirement\": [\"gpu\"]}]}")
                .hasMessageStartingWith("steps[0] ('load'): unknown field \"requirement\"")
                .hasMessageContaining("after, args, cache, function, map, name, requirements, sameNode, tables");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no steps | {} | steps is required",
                "steps not an array | {\"steps\": {}} | steps must be an array",
                "a step not an object | {\"steps\": [1]} | steps[0] must be an object",
                "a step without a name | {\"steps\": [{\"function\": \"echo\"}]} | steps[0]: name is required",
                "a step without a function | {\"steps\": [{\"name\": \"a\"}]} | steps[0] ('a'): function is required",
                "args not an object | {\"steps\": [{\"name\": \"a\", \"function\": \"echo\", \"args\": [1]}]} | steps[0] ('a'): args must be a JSON object",
                "a table not a reference | {\"steps\": [{\"name\": \"a\", \"function\": \"echo\", \"tables\": {\"t\": 1}}]} | tables.t is number",
                "after not names | {\"steps\": [{\"name\": \"a\", \"function\": \"echo\", \"after\": \"b\"}]} | after must be an array of step names",
                "map without chunks | {\"steps\": [{\"name\": \"a\", \"function\": \"echo\", \"map\": {\"table\": \"t\"}}]} | map.chunks is required",
                "map with an unknown field | {\"steps\": [{\"name\": \"a\", \"function\": \"echo\", \"map\": {\"table\": \"t\", \"chunks\": 2, \"by\": 1}}]} | unknown field \"map.by\"",
                "a bad requirement | {\"steps\": [{\"name\": \"a\", \"function\": \"echo\", \"requirements\": [1]}]} | requirements must hold strings",
                "a bad priority | {\"priority\": \"urgent\", \"steps\": []} | priority must be one of",
                "a bad timeout | {\"timeoutMs\": -1, \"steps\": []} | timeoutMs must be a positive whole number",
                "a bad wait | {\"wait\": \"soon\", \"steps\": []} | wait must be",
                "a table without format | {\"tables\": {\"s\": {\"content\": \"a\"}}, \"steps\": []} | tables.s.format is required",
                "a bad name | {\"name\": 7, \"steps\": []} | name must be a label",
                "a bad onFailure | {\"onFailure\": {\"name\": \"x\"}, \"steps\": []} | onFailure ('x'): function is required",
            })
    void aBadPipelineIsRefusedSayingWhatToFix(String what, String json, String message) {
        refusing(json).hasMessageContaining(message);
    }

    @Test
    void aBodyThatIsNotJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"steps\": [}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void aBodyThatIsNotAnObjectShowsAPipeline() {
        refusing("[]").hasMessageContaining("{\"steps\": [{\"name\": \"load\"");
    }

    @Test
    void aStepAsksForTheResultCacheAsACallDoesAndTheGatewaysPolicyDecidesTheRest() {
        List<PipelineStep> steps = parse(
                        "{\"steps\": [{\"name\": \"a\", \"function\": \"f\", \"cache\": true},"
                                + " {\"name\": \"b\", \"function\": \"f\", \"cache\": {\"ttl\": \"30s\"}},"
                                + " {\"name\": \"c\", \"function\": \"f\"}, {\"name\": \"d\", \"function\": \"f\", \"cache\": false}]}")
                .steps();
        List<PipelineStep> cachedByDefault = new PipelineRequestParser(
                        new CallRequestParser(Duration.ofSeconds(60), 64 * 1024),
                        new Caching.Policy(Duration.ofMinutes(5), true))
                .parse(("{\"steps\": [{\"name\": \"c\", \"function\": \"f\"}, {\"name\": \"d\", \"function\": \"f\","
                                + " \"cache\": false}]}")
                        .getBytes(StandardCharsets.UTF_8))
                .steps();

        assertThat(steps)
                .extracting(PipelineStep::getCacheTtlMs)
                .containsExactly(Caching.Policy.DEFAULT_TTL.toMillis(), 30_000L, null, null);
        assertThat(cachedByDefault).extracting(PipelineStep::getCacheTtlMs).containsExactly(300_000L, null);
        refusing("{\"steps\": [{\"name\": \"a\", \"function\": \"f\"}, {\"name\": \"b\", \"function\": \"f\","
                        + " \"after\": [\"a\"], \"sameNode\": true, \"cache\": true}]}")
                .hasMessageContaining("steps[1] ('b'): cache and sameNode do not go together");
        refusing("{\"steps\": [{\"name\": \"a\", \"function\": \"f\", \"cache\": \"yes\"}]}")
                .hasMessageContaining("cache must be true, false or {\"ttl\": \"10m\"}");
    }

    @Test
    void stepsAreReadInOrderWithTheirOwnPositions() {
        refusing("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}, {\"name\": \"b\", \"function\": 3}]}")
                .hasMessageStartingWith("steps[1] ('b'): function must be a string");
        assertThat(parse("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}, {\"name\": \"b\", \"function\":"
                                + " \"echo\", \"after\": [\"a\"]}]}")
                        .steps())
                .extracting(step -> List.copyOf(step.getAfter()))
                .containsExactly(List.of(), List.of("a"));
    }
}
