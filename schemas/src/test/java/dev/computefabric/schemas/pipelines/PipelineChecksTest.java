package dev.computefabric.schemas.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineMap;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.testing.TestCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void referencesParseInEveryForm() {
        assertThat(Reference.parse("tables.sales")).isEqualTo(new Reference.InputTable("sales"));
        assertThat(Reference.parse("load.output")).isEqualTo(new Reference.StepOutput("load", List.of()));
        assertThat(Reference.parse("load.output.columns.0"))
                .isEqualTo(new Reference.StepOutput("load", List.of("columns", "0")));
        assertThat(Reference.parse("load.tables.data")).isEqualTo(new Reference.StepTable("load", "data"));
        assertThat(Reference.parse("failure.error.message"))
                .isEqualTo(new Reference.Failure(List.of("error", "message")));
        assertThatThrownBy(() -> Reference.parse("load.result"))
                .hasMessageContaining("${load.result} is none of the forms")
                .hasMessageContaining("${<step>.output}");
        assertThatThrownBy(() -> Reference.parse("load..output")).hasMessageContaining("empty part");
    }

    @Test
    void aWholeReferenceKeepsItsTypeAnEmbeddedOneBecomesTextAndDoubleDollarEscapes() throws Exception {
        JsonNode args = JSON.readTree(
                "{\"n\": \"${a.output.n}\", \"s\": \"n=${a.output.n}, name=${a.output.name}\", \"l\": \"$${a.output}\"}");
        JsonNode resolved = References.resolve(
                args,
                reference -> ((Reference.StepOutput) reference).path().get(0).equals("n")
                        ? IntNode.valueOf(3)
                        : TextNode.valueOf("x"));
        assertThat(resolved.toString()).isEqualTo("{\"n\":3,\"s\":\"n=3, name=x\",\"l\":\"${a.output}\"}");
        assertThat(References.in(args)).hasSize(3);
    }

    @Test
    void resolvingOnlyTheKnownReferencesLeavesTheOthersAndTheEscapesForLater() throws Exception {
        JsonNode args = JSON.readTree("{\"a\": \"${a.output}\", \"b\": \"${b.output.n}\", \"s\": \"b=${b.output.n}"
                + " a=${a.output}\", \"l\": \"$${b.output}\"}");
        JsonNode partly = References.resolveKnown(
                args,
                reference -> reference.step().equals("a")
                        ? java.util.Optional.of(IntNode.valueOf(1))
                        : java.util.Optional.empty());
        assertThat(partly.toString())
                .isEqualTo("{\"a\":1,\"b\":\"${b.output.n}\",\"s\":\"b=${b.output.n} a=1\",\"l\":\"$${b.output}\"}");
        assertThat(References.resolve(partly, reference -> IntNode.valueOf(2)).toString())
                .isEqualTo("{\"a\":1,\"b\":2,\"s\":\"b=2 a=1\",\"l\":\"${b.output}\"}");
    }

    @Test
    void aRunnablePipelineHasNoProblemsAndItsStepsWaitForWhatTheyReference() {
        PipelineStep parts = step("parts", "{}", Map.of("data", "${load.tables.data}"));
        parts.setMap(new PipelineMap("data", 8));
        PipelineStep total = step("total", "{\"parts\": \"${parts.output}\"}", Map.of());
        total.setAfter(List.of("load"));
        Pipeline pipeline = pipeline(step("load", "{}", Map.of("in", "${tables.sales}")), parts, total);

        assertThat(PipelineChecks.problems(pipeline)).isEmpty();
        assertThat(PipelineChecks.dependencies(total)).containsExactly("load", "parts");
    }

    /** A Kafka-native caller's pipeline does not pass the gateway's parser: the checks are as strict. */
    @Test
    void argsWithMoreAfterTheObjectAreNotJson() {
        assertThat(PipelineChecks.problems(pipeline(step("a", "{\"x\": 1}}", Map.of()))))
                .singleElement()
                .asString()
                .startsWith("step 'a': args are not JSON");
    }

    @Test
    void everyProblemIsNamedWithWhatToFix() {
        PipelineStep mapped = step("m", "{}", Map.of("data", "${tables.sales}"));
        mapped.setMap(new PipelineMap("other", 0));
        mapped.setCacheTtlMs(0L);
        Pipeline pipeline = pipeline(
                step("Bad Name", "{}", Map.of()),
                step(
                        "a",
                        "{\"x\": \"${ghost.output}\", \"f\": \"${failure}\", \"t\": \"${tables.sales}\"}",
                        Map.of("in", "${tables.nope}", "lit", "just text")),
                step("a", "[1]", Map.of()),
                mapped,
                step("r", "{}", Map.of("x", "${m.tables.out}")));

        assertThat(PipelineChecks.problems(pipeline))
                .containsExactlyInAnyOrder(
                        "step name 'Bad Name' must match [a-z][a-z0-9_-]* (at most 64 characters)",
                        "two steps are named 'a': names are unique in a pipeline",
                        "step 'a' refers to step 'ghost', which the pipeline does not have [Bad Name, a, m, r]",
                        "step 'a': ${failure} is only known to the onFailure step",
                        "step 'a': ${tables.nope} names no input table of the pipeline [sales]",
                        "step 'a': table 'lit' must be one reference to a table, ${tables.<input>} or"
                                + " ${<step>.tables.<output>}, got \"just text\"",
                        "step 'a': a table reference belongs in the step's tables, not in its args:"
                                + " \"tables\": {\"<name>\": \"${...}\"}",
                        "step 'a': args must be a JSON object",
                        "step 'm': map.table 'other' is not one of its tables [data]",
                        "step 'm': map.chunks must be 1 to 1024, got 0",
                        "step 'm': cacheTtlMs must be positive (how long an answer is kept), or null not to cache,"
                                + " got 0",
                        "step 'r': ${m.tables.out}: 'm' is a map step, whose output is the array of its chunks' outputs,"
                                + " without tables");
    }

    @Test
    void aSameNodeStepFollowsOneStepAloneAndKeepsTheTablesItTakes() {
        PipelineStep follower = step("b", "{}", Map.of("data", "${a.tables.out}"));
        follower.setSameNode(true);
        PipelineStep second = step("c", "{\"x\": \"${a.output}\"}", Map.of());
        second.setSameNode(true);
        PipelineStep two = step("d", "{\"x\": \"${a.output}\", \"y\": \"${b.output}\"}", Map.of());
        two.setSameNode(true);
        PipelineStep reader = step("e", "{}", Map.of("t", "${a.tables.out}"));
        PipelineStep chained = step("f", "{\"x\": \"${b.output}\"}", Map.of());
        chained.setSameNode(true);
        Pipeline pipeline = pipeline(step("a", "{}", Map.of()), follower, second, two, reader, chained);

        assertThat(PipelineChecks.problems(pipeline))
                .containsExactlyInAnyOrder(
                        "step 'c' (sameNode): 'a' is already followed on its node by 'b'",
                        "step 'd' (sameNode) must wait for exactly one step, the one it runs after; it waits for [a, b]",
                        "step 'e' takes ${a.tables.out}, which stays on the node that runs 'a' and 'b' (sameNode)",
                        "step 'f' (sameNode) follows 'b', which is sameNode itself: at most two steps run one after the other"
                                + " on a node");
        assertThat(PipelineChecks.problems(pipeline(step("a", "{}", Map.of()), follower)))
                .isEmpty();
    }

    @Test
    void stepsThatWaitForEachOtherAreRefusedWithTheCircle() {
        PipelineStep a = step("a", "{}", Map.of());
        a.setAfter(List.of("c"));
        Pipeline pipeline = pipeline(
                a, step("b", "{\"x\": \"${a.output}\"}", Map.of()), step("c", "{\"x\": \"${b.output}\"}", Map.of()));

        assertThat(PipelineChecks.problems(pipeline))
                .singleElement()
                .asString()
                .startsWith("steps wait for each other in a circle: ")
                .contains("a", "b", "c");
    }

    private static Pipeline pipeline(PipelineStep... steps) {
        return Pipeline.newBuilder()
                .setPipelineId("p")
                .setSteps(List.of(steps))
                .setTables(Map.of("sales", TestCalls.inline(dev.computefabric.avro.TableFormat.CSV, "a\n1\n")))
                .setSubmittedAt(TestCalls.SUBMITTED)
                .build();
    }

    private static PipelineStep step(String name, String args, Map<String, String> tables) {
        return PipelineStep.newBuilder()
                .setName(name)
                .setFunction("echo")
                .setArgs(args)
                .setTables(tables)
                .build();
    }
}
