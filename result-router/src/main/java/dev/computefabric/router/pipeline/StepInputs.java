package dev.computefabric.router.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.avro.Table;
import dev.computefabric.schemas.StrictJson;
import dev.computefabric.schemas.pipelines.PipelineChecks;
import dev.computefabric.schemas.pipelines.Reference;
import dev.computefabric.schemas.pipelines.References;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A step's arguments and tables with every reference replaced, from the pipeline's input tables and the outputs
 * of the steps it waited for. A reference that finds nothing (a field the output lacks, a table the step did not
 * write) fails the step, saying what it looked for and what there was; for the {@code onFailure} step, which runs
 * after steps that never finished, an output of a step that did not finish is {@code null}.
 */
final class StepInputs {

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    /** The step cannot start: a reference found nothing. */
    static final class UnresolvedException extends RuntimeException {
        UnresolvedException(String message) {
            super(message);
        }
    }

    private final Pipeline pipeline;
    private final Function<String, StepStatus> steps;
    private final JsonNode failure;
    private final String deferred;

    /**
     * @param steps   the status of a step by name (null if unknown)
     * @param failure what {@code ${failure}} is, or null outside the onFailure step
     */
    StepInputs(Pipeline pipeline, Function<String, StepStatus> steps, JsonNode failure) {
        this(pipeline, steps, failure, null);
    }

    private StepInputs(Pipeline pipeline, Function<String, StepStatus> steps, JsonNode failure, String deferred) {
        this.pipeline = pipeline;
        this.steps = steps;
        this.failure = failure;
        this.deferred = deferred;
    }

    /**
     * The inputs of a same-node step, filled in before the step {@code previous} it follows has run: its references
     * to {@code previous}'s output stay as written (the node fills them in), and the tables it takes from
     * {@code previous} are left out (they stay on the node: {@link #fromDeferred}).
     */
    StepInputs deferring(String previous) {
        return new StepInputs(pipeline, steps, failure, previous);
    }

    /** Whether these are the inputs of the onFailure step (it knows {@code ${failure}}). */
    boolean onFailure() {
        return failure != null;
    }

    /** Input name to output table name of the deferred step, for the step's tables taken from it. */
    Map<String, String> fromDeferred(PipelineStep step) {
        Map<String, String> taken = new LinkedHashMap<>();
        step.getTables().forEach((name, text) -> fromDeferred(text).ifPresent(output -> taken.put(name, output)));
        return taken;
    }

    /** The output table of the deferred step that the table reference {@code text} names, if it names one. */
    private Optional<String> fromDeferred(String text) {
        return References.whole(text).orElseThrow() instanceof Reference.StepTable table
                        && table.step().equals(deferred)
                ? Optional.of(table.name())
                : Optional.empty();
    }

    String args(PipelineStep step) {
        JsonNode args = PipelineChecks.args(step);
        if (deferred == null) {
            return References.resolve(args, reference -> value(step, reference)).toString();
        }
        return References.resolveKnown(
                        args,
                        reference -> deferred.equals(reference.step())
                                ? Optional.empty()
                                : Optional.of(value(step, reference)))
                .toString();
    }

    Map<String, Table> tables(PipelineStep step) {
        Map<String, Table> tables = new LinkedHashMap<>();
        step.getTables().forEach((name, text) -> {
            if (fromDeferred(text).isEmpty()) {
                tables.put(name, table(step, text));
            }
        });
        return tables;
    }

    private Table table(PipelineStep step, String text) {
        Reference reference = References.whole(text).orElseThrow();
        if (reference instanceof Reference.InputTable input) {
            return copy(pipeline.getTables().get(input.name()));
        }
        Reference.StepTable output = (Reference.StepTable) reference;
        StepStatus source = steps.apply(output.step());
        Table table = source == null ? null : source.getTables().get(output.name());
        if (table == null) {
            throw new UnresolvedException("step '" + step.getName() + "': " + text + ": step '" + output.step()
                    + "' wrote no table '" + output.name() + "'"
                    + (source == null ? "" : " (it wrote " + source.getTables().keySet() + ")"));
        }
        return copy(table);
    }

    private JsonNode value(PipelineStep step, Reference reference) {
        if (reference instanceof Reference.Failure at) {
            return walk(step, "${failure}", failure == null ? NullNode.getInstance() : failure, at.path());
        }
        if (reference instanceof Reference.StepOutput output) {
            StepStatus source = steps.apply(output.step());
            if (source == null || source.getOutput() == null) {
                if (failure != null) {
                    return NullNode.getInstance();
                }
                throw new UnresolvedException(
                        "step '" + step.getName() + "': step '" + output.step() + "' has no output");
            }
            return walk(step, "${" + output.step() + ".output}", parse(source.getOutput()), output.path());
        }
        throw new UnresolvedException(
                "step '" + step.getName() + "': a table reference belongs in the step's tables, not in its args");
    }

    private static JsonNode walk(PipelineStep step, String from, JsonNode value, List<String> path) {
        return References.part(value, path).orElseThrow(() -> {
            String wanted = from.substring(0, from.length() - 1) + "." + String.join(".", path) + "}";
            return new UnresolvedException("step '" + step.getName() + "': " + wanted + " is not there: " + from
                    + " is " + abbreviated(value));
        });
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnresolvedException("an output is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String abbreviated(JsonNode json) {
        String text = json.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Table copy(Table table) {
        return Table.newBuilder(table).build();
    }
}
