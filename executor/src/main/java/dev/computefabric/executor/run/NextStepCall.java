package dev.computefabric.executor.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.NextStep;
import dev.computefabric.avro.Table;
import dev.computefabric.executor.function.ErrorKind;
import dev.computefabric.schemas.ErrorTypes;
import dev.computefabric.schemas.StrictJson;
import dev.computefabric.schemas.pipelines.Reference;
import dev.computefabric.schemas.pipelines.References;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The call of the step a FINISHED call carries in {@code FuncCall.next} (the same-node shortcut of pipelines), built
 * on the node that ran the call: its arguments filled in from the call's output, its tables those known before plus
 * the call's output tables kept on the node. A step that cannot start ends at once, as the router would end it:
 * TIMED_OUT when the pipeline's deadline has passed, FAILED {@code BadReference} when a reference finds nothing.
 */
final class NextStepCall {

    /** The error type the router gives a step whose references find nothing (docs/pipelines.md). */
    static final String BAD_REFERENCE = ErrorTypes.BAD_REFERENCE;

    private static final ObjectMapper JSON = StrictJson.MAPPER;
    /** How much of the previous step's output an error message quotes. */
    private static final int QUOTED_CHARS = 200;

    private NextStepCall() {}

    /** How the next step starts: run its call, or its result is already known. */
    sealed interface Start {
        FuncCall call();
    }

    record Run(FuncCall call) implements Start {}

    record Ended(FuncCall call, FuncResult result) implements Start {}

    /**
     * The next step of {@code carrier}, which FINISHED with {@code carried} and kept {@code kept} (output name to
     * table) on the node. It inherits the carrier's caller, priority, pipeline, requirements and slots (it runs on
     * the slots the carrier holds); its timeout is what is left of the pipeline's deadline.
     */
    static Start of(FuncCall carrier, FuncResult carried, Map<String, Table> kept, String executorId, Instant now) {
        NextStep next = carrier.getNext();
        Instant deadline = next.getDeadlineAt();
        FuncCall call = FuncCall.newBuilder()
                .setCallId(next.getCallId())
                .setFunction(next.getFunction())
                .setArgs(next.getArgs())
                .setTables(next.getTables())
                .setRequirements(carrier.getRequirements())
                .setReplyTo(null)
                .setSubmittedAt(now)
                .setTimeoutMs(
                        deadline == null
                                ? null
                                : Duration.between(now, deadline).toMillis())
                .setSlots(carrier.getSlots())
                .setAttempt(0)
                .setCaller(carrier.getCaller())
                .setPriority(carrier.getPriority())
                .setPipelineId(carrier.getPipelineId())
                .setNext(null)
                .build();
        if (deadline != null && !now.isBefore(deadline)) {
            return new Ended(
                    call,
                    Results.timedOut(
                            call,
                            executorId,
                            "the pipeline's deadline passed before step '" + next.getStep() + "' could start",
                            now));
        }
        try {
            call.setArgs(args(next, carried).toString());
            call.setTables(tables(next, carried, kept));
        } catch (Unresolved e) {
            return new Ended(call, Results.failed(call, executorId, badReference(e.getMessage()), null, now));
        }
        return new Run(call);
    }

    private static JsonNode args(NextStep next, FuncResult carried) {
        JsonNode args;
        try {
            args = JSON.readTree(next.getArgs());
        } catch (JsonProcessingException e) {
            throw new Unresolved("step '" + next.getStep() + "': its args are not JSON: " + e.getOriginalMessage());
        }
        try {
            return References.resolve(args, reference -> value(next, carried, reference));
        } catch (IllegalArgumentException e) {
            // Reference.parse: a ${...} of none of the forms.
            throw new Unresolved("step '" + next.getStep() + "': " + e.getMessage());
        }
    }

    /** What a reference in the args stands for: only the previous step's output can be filled in here. */
    private static JsonNode value(NextStep next, FuncResult carried, Reference reference) {
        if (!(reference instanceof Reference.StepOutput output)
                || !output.step().equals(next.getPrevious())) {
            throw new Unresolved("step '" + next.getStep() + "': " + written(reference)
                    + " cannot be filled in on the node that runs it after step '" + next.getPrevious() + "'; only ${"
                    + next.getPrevious() + ".output...} can");
        }
        JsonNode value = parse(next, carried.getOutput());
        return References.part(value, output.path())
                .orElseThrow(() -> new Unresolved("step '" + next.getStep() + "': " + written(output)
                        + " is not there: ${" + next.getPrevious() + ".output} is "
                        + abbreviated(carried.getOutput())));
    }

    private static JsonNode parse(NextStep next, String output) {
        try {
            return JSON.readTree(output == null ? "null" : output);
        } catch (JsonProcessingException e) {
            throw new Unresolved("step '" + next.getStep() + "': the output of step '" + next.getPrevious()
                    + "' is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Table> tables(NextStep next, FuncResult carried, Map<String, Table> kept) {
        Map<String, Table> tables = new LinkedHashMap<>(next.getTables());
        next.getPreviousTables().forEach((input, output) -> {
            Table table = kept.get(output);
            if (table == null) {
                TreeSet<String> wrote = new TreeSet<>(kept.keySet());
                wrote.addAll(carried.getTables().keySet());
                throw new Unresolved("step '" + next.getStep() + "': ${" + next.getPrevious() + ".tables." + output
                        + "} is not there: step '" + next.getPrevious() + "' wrote no table '" + output + "' (it wrote "
                        + wrote + ")");
            }
            tables.put(input, table);
        });
        return tables;
    }

    private static String written(Reference reference) {
        if (reference instanceof Reference.StepOutput output) {
            return "${" + String.join(".", path(output.step() + ".output", output.path())) + "}";
        }
        if (reference instanceof Reference.StepTable table) {
            return "${" + table.step() + ".tables." + table.name() + "}";
        }
        if (reference instanceof Reference.InputTable input) {
            return "${tables." + input.name() + "}";
        }
        return "${" + String.join(".", path("failure", ((Reference.Failure) reference).path())) + "}";
    }

    private static List<String> path(String head, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(head);
        all.addAll(rest);
        return all;
    }

    private static ErrorInfo badReference(String message) {
        return ErrorInfo.newBuilder()
                .setType(BAD_REFERENCE)
                .setMessage(message)
                .setRetryable(ErrorKind.BAD_ARGUMENTS.retryable())
                .build();
    }

    private static String abbreviated(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "...";
    }

    /** A reference that finds nothing; ends the step FAILED {@code BadReference}. */
    private static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }
}
