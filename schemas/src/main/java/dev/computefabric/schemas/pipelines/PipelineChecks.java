package dev.computefabric.schemas.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineMap;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.StrictJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a pipeline runnable, checked where it is submitted (a {@code 400} that names every problem) and again
 * by the router (a Kafka-native caller's pipeline that fails them ends FAILED, saying why): names, references,
 * map steps, and no step waiting for itself through others.
 */
public final class PipelineChecks {

    public static final int MAX_STEPS = 100;
    public static final int MAX_CHUNKS = 1024;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Set<String> RESERVED = Set.of(Reference.TABLES, Reference.FAILURE);
    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private PipelineChecks() {}

    /** Every problem of {@code pipeline}, each saying what to fix; empty if it can run. */
    public static List<String> problems(Pipeline pipeline) {
        List<String> problems = new ArrayList<>();
        List<PipelineStep> steps = pipeline.getSteps();
        if (steps.isEmpty() || steps.size() > MAX_STEPS) {
            problems.add("a pipeline has 1 to " + MAX_STEPS + " steps, this one has " + steps.size());
        }
        Map<String, PipelineStep> byName = new LinkedHashMap<>();
        for (PipelineStep step : steps) {
            checkName(step.getName(), byName, problems);
            byName.putIfAbsent(step.getName(), step);
        }
        for (PipelineStep step : steps) {
            checkStep(step, false, pipeline, byName, problems);
        }
        PipelineStep onFailure = pipeline.getOnFailure();
        if (onFailure != null) {
            checkName(onFailure.getName(), byName, problems);
            checkStep(onFailure, true, pipeline, byName, problems);
            if (onFailure.getMap() != null || !onFailure.getAfter().isEmpty()) {
                problems.add("onFailure step '" + onFailure.getName()
                        + "' runs after the failure: it takes neither map nor after");
            }
        }
        if (onFailure != null && onFailure.getSameNode()) {
            problems.add("onFailure step '" + onFailure.getName() + "' runs wherever a node is free: it cannot be"
                    + " sameNode");
        }
        checkSameNode(steps, byName, problems);
        if (problems.isEmpty()) {
            cycle(steps)
                    .ifPresent(cycle -> problems.add("steps wait for each other in a circle: "
                            + String.join(" -> ", cycle) + "; remove one of these references"));
        }
        return problems;
    }

    /**
     * The same-node shortcut: a sameNode step follows exactly one step, neither is a map, a step has at most one
     * such follower and is not one itself (two steps per node), and the tables the follower takes stay on the node,
     * so no other step may take them.
     */
    private static void checkSameNode(
            List<PipelineStep> steps, Map<String, PipelineStep> byName, List<String> problems) {
        Map<String, String> followerOf = new HashMap<>();
        for (PipelineStep step : steps) {
            if (!step.getSameNode()) {
                continue;
            }
            String where = "step '" + step.getName() + "' (sameNode)";
            Set<String> needs;
            try {
                needs = dependencies(step);
            } catch (IllegalArgumentException e) {
                continue; // reported with the step
            }
            if (needs.size() != 1) {
                problems.add(where + " must wait for exactly one step, the one it runs after; it waits for " + needs);
                continue;
            }
            PipelineStep previous = byName.get(needs.iterator().next());
            if (previous == null) {
                continue; // reported with the step
            }
            if (step.getMap() != null || previous.getMap() != null) {
                problems.add(where + ": a map step neither runs on one node nor is followed on one");
            }
            if (previous.getSameNode()) {
                problems.add(where + " follows '" + previous.getName() + "', which is sameNode itself: at most two"
                        + " steps run one after the other on a node");
            }
            String other = followerOf.putIfAbsent(previous.getName(), step.getName());
            if (other != null) {
                problems.add(
                        where + ": '" + previous.getName() + "' is already followed on its node by '" + other + "'");
            }
            for (PipelineStep reader : steps) {
                if (reader == step) {
                    continue;
                }
                for (String text : reader.getTables().values()) {
                    if (takes(step, previous.getName(), text)) {
                        problems.add("step '" + reader.getName() + "' takes " + text + ", which stays on the node"
                                + " that runs '" + previous.getName() + "' and '" + step.getName() + "' (sameNode)");
                    }
                }
            }
        }
    }

    /** Whether the same-node {@code follower} takes the table {@code text} refers to from {@code previous}. */
    private static boolean takes(PipelineStep follower, String previous, String text) {
        Optional<Reference> reference;
        try {
            reference = References.whole(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return reference.isPresent()
                && reference.get() instanceof Reference.StepTable table
                && table.step().equals(previous)
                && follower.getTables().values().contains(text);
    }

    /** The steps {@code step} waits for: those it references and those it names in {@code after}. */
    public static Set<String> dependencies(PipelineStep step) {
        Set<String> needed = new LinkedHashSet<>(step.getAfter());
        references(step).forEach(reference -> {
            if (reference.step() != null) {
                needed.add(reference.step());
            }
        });
        return needed;
    }

    /** Every reference in the step's arguments and tables; fails on one that does not parse or on bad JSON. */
    public static List<Reference> references(PipelineStep step) {
        List<Reference> found = new ArrayList<>(References.in(args(step)));
        step.getTables().values().forEach(text -> found.addAll(References.in(text)));
        return found;
    }

    /** The step's arguments as JSON; fails unless they are an object. */
    public static JsonNode args(PipelineStep step) {
        JsonNode args;
        try {
            args = JSON.readTree(step.getArgs());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("args are not JSON: " + e.getOriginalMessage());
        }
        if (args == null || !args.isObject()) {
            throw new IllegalArgumentException("args must be a JSON object");
        }
        return args;
    }

    private static void checkName(String name, Map<String, PipelineStep> seen, List<String> problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add("step name '" + name + "' must match [a-z][a-z0-9_-]* (at most 64 characters)");
        } else if (RESERVED.contains(name)) {
            problems.add("step name '" + name + "' is reserved (it starts references): choose another");
        } else if (seen.containsKey(name)) {
            problems.add("two steps are named '" + name + "': names are unique in a pipeline");
        }
    }

    private static void checkStep(
            PipelineStep step,
            boolean onFailure,
            Pipeline pipeline,
            Map<String, PipelineStep> steps,
            List<String> problems) {
        String where = (onFailure ? "onFailure step '" : "step '") + step.getName() + "'";
        if (step.getFunction().isBlank()) {
            problems.add(where + ": function is empty");
        }
        if (step.getCacheTtlMs() != null && step.getCacheTtlMs() <= 0) {
            problems.add(where + ": cacheTtlMs must be positive (how long an answer is kept), or null not to cache,"
                    + " got " + step.getCacheTtlMs());
        }
        try {
            Capset.of(step.getRequirements());
        } catch (IllegalArgumentException e) {
            problems.add(where + ": requirements: " + e.getMessage());
        }
        List<Reference> references;
        try {
            references = references(step);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return;
        }
        for (Reference reference : references) {
            checkReference(where, step, onFailure, reference, pipeline, steps, problems);
        }
        References.in(args(step)).stream()
                .filter(reference ->
                        reference instanceof Reference.InputTable || reference instanceof Reference.StepTable)
                .findFirst()
                .ifPresent(table -> problems.add(where + ": a table reference belongs in the step's tables,"
                        + " not in its args: \"tables\": {\"<name>\": \"${...}\"}"));
        step.getTables().forEach((name, text) -> {
            Optional<Reference> table;
            try {
                table = References.whole(text);
            } catch (IllegalArgumentException e) {
                return; // reported above
            }
            if (table.isEmpty()
                    || !(table.get() instanceof Reference.InputTable || table.get() instanceof Reference.StepTable)) {
                problems.add(where + ": table '" + name + "' must be one reference to a table,"
                        + " ${tables.<input>} or ${<step>.tables.<output>}, got \"" + text + "\"");
            }
        });
        for (String before : step.getAfter()) {
            if (!steps.containsKey(before) || before.equals(step.getName())) {
                problems.add(where + ": after names '" + before + "', which is not another step");
            }
        }
        PipelineMap map = step.getMap();
        if (map != null) {
            if (!step.getTables().containsKey(map.getTable())) {
                problems.add(where + ": map.table '" + map.getTable() + "' is not one of its tables "
                        + step.getTables().keySet());
            }
            if (map.getChunks() < 1 || map.getChunks() > MAX_CHUNKS) {
                problems.add(where + ": map.chunks must be 1 to " + MAX_CHUNKS + ", got " + map.getChunks());
            }
        }
    }

    private static void checkReference(
            String where,
            PipelineStep step,
            boolean onFailure,
            Reference reference,
            Pipeline pipeline,
            Map<String, PipelineStep> steps,
            List<String> problems) {
        if (reference instanceof Reference.InputTable input) {
            if (!pipeline.getTables().containsKey(input.name())) {
                problems.add(where + ": ${tables." + input.name() + "} names no input table of the pipeline "
                        + pipeline.getTables().keySet());
            }
        } else if (reference instanceof Reference.Failure) {
            if (!onFailure) {
                problems.add(where + ": ${failure} is only known to the onFailure step");
            }
        } else if (reference instanceof Reference.StepTable table) {
            checkStepNamed(where, step, table.step(), steps, problems);
            PipelineStep source = steps.get(table.step());
            if (source != null && source.getMap() != null) {
                problems.add(where + ": ${" + table.step() + ".tables." + table.name() + "}: '" + table.step()
                        + "' is a map step, whose output is the array of its chunks' outputs, without tables");
            }
        } else {
            checkStepNamed(where, step, reference.step(), steps, problems);
        }
    }

    private static void checkStepNamed(
            String where, PipelineStep step, String named, Map<String, PipelineStep> steps, List<String> problems) {
        if (named.equals(step.getName())) {
            problems.add(where + " refers to itself");
        } else if (!steps.containsKey(named)) {
            problems.add(where + " refers to step '" + named + "', which the pipeline does not have " + steps.keySet());
        }
    }

    /** A circle of steps each waiting for the next, if there is one. */
    private static Optional<List<String>> cycle(List<PipelineStep> steps) {
        Map<String, Set<String>> needs = new HashMap<>();
        steps.forEach(step -> needs.put(step.getName(), dependencies(step)));
        Set<String> done = new HashSet<>();
        for (PipelineStep step : steps) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = visit(step.getName(), needs, done, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(
            String name, Map<String, Set<String>> needs, Set<String> done, List<String> path) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            return Optional.of(cycle);
        }
        if (done.contains(name)) {
            return Optional.empty();
        }
        path.add(name);
        for (String needed : needs.getOrDefault(name, Set.of())) {
            Optional<List<String>> found = visit(needed, needs, done, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return Optional.empty();
    }
}
