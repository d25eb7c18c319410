package dev.computefabric.schemas.pipelines;

import java.util.Arrays;
import java.util.List;

/**
 * What a pipeline step may refer to, written {@code ${...}} in its arguments and tables (docs/pipelines.md):
 *
 * <ul>
 *   <li>{@code ${tables.<name>}}: one of the pipeline's input tables;
 *   <li>{@code ${<step>.output}}, {@code ${<step>.output.<field>.<field>...}}: an earlier step's output, or a part of
 *       it (an array element by its index: {@code ${parts.output.0}});
 *   <li>{@code ${<step>.tables.<name>}}: an earlier step's output table;
 *   <li>{@code ${failure}}, {@code ${failure.<field>...}}: in the {@code onFailure} step only, what failed:
 *       {@code {"step", "state", "error": {"type", "message"}}}.
 * </ul>
 */
public sealed interface Reference {

    /** The step this reference needs finished, or null (an input table, the failure). */
    default String step() {
        return null;
    }

    /** {@code ${tables.<name>}}. */
    record InputTable(String name) implements Reference {}

    /** {@code ${<step>.output[.path]}}. */
    record StepOutput(String step, List<String> path) implements Reference {}

    /** {@code ${<step>.tables.<name>}}. */
    record StepTable(String step, String name) implements Reference {}

    /** {@code ${failure[.path]}}. */
    record Failure(List<String> path) implements Reference {}

    String TABLES = "tables";
    String OUTPUT = "output";
    String FAILURE = "failure";

    /** The reference written {@code ${inner}}; fails saying which forms exist. */
    static Reference parse(String inner) {
        List<String> parts = Arrays.asList(inner.strip().split("\\.", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw invalid(inner, "has an empty part");
        }
        String head = parts.get(0);
        if (head.equals(TABLES)) {
            if (parts.size() != 2) {
                throw invalid(inner, "names an input table as ${tables.<name>}");
            }
            return new InputTable(parts.get(1));
        }
        if (head.equals(FAILURE)) {
            return new Failure(List.copyOf(parts.subList(1, parts.size())));
        }
        if (parts.size() >= 2 && parts.get(1).equals(OUTPUT)) {
            return new StepOutput(head, List.copyOf(parts.subList(2, parts.size())));
        }
        if (parts.size() == 3 && parts.get(1).equals(TABLES)) {
            return new StepTable(head, parts.get(2));
        }
        throw invalid(inner, "is none of the forms");
    }

    private static IllegalArgumentException invalid(String inner, String why) {
        return new IllegalArgumentException("reference ${" + inner + "} " + why + ": write ${tables.<input>},"
                + " ${<step>.output}, ${<step>.output.<field>}, ${<step>.tables.<output>} or, in onFailure,"
                + " ${failure}");
    }
}
