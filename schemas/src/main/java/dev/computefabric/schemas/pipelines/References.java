package dev.computefabric.schemas.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces {@link Reference references} in a step's arguments. A string that is exactly one reference
 * becomes the value referred to, whatever its JSON type ({@code "${load.output.rows}"} becomes {@code 1000}); a
 * reference inside a longer string is replaced by its text (a JSON string's content, any other value's JSON).
 * {@code $${} writes a literal {@code ${}.
 */
public final class References {

    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([^}]*)}");

    private References() {}

    /** The reference {@code text} is exactly, if it is one. */
    public static Optional<Reference> whole(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        if (matcher.matches() && !escaped(matcher)) {
            return Optional.of(Reference.parse(matcher.group(1)));
        }
        return Optional.empty();
    }

    /** Every reference in {@code text}; fails on one that does not parse. */
    public static List<Reference> in(String text) {
        List<Reference> found = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (!escaped(matcher)) {
                found.add(Reference.parse(matcher.group(1)));
            }
        }
        return found;
    }

    /** Every reference in the string values (not the field names) of {@code json}. */
    public static List<Reference> in(JsonNode json) {
        List<Reference> found = new ArrayList<>();
        collect(json, found);
        return found;
    }

    /** {@code json} with every reference replaced by what {@code values} says it is. */
    public static JsonNode resolve(JsonNode json, Function<Reference, JsonNode> values) {
        if (json.isTextual()) {
            return resolveText(json.textValue(), values);
        }
        if (json.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            json.forEach(element -> copy.add(resolve(element, values)));
            return copy;
        }
        if (json.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                copy.set(field.getKey(), resolve(field.getValue(), values));
            }
            return copy;
        }
        return json;
    }

    /** How {@code reference} is written: {@code ${load.output.rows}}. */
    public static String text(Reference reference) {
        List<String> parts = new ArrayList<>();
        if (reference instanceof Reference.InputTable input) {
            parts.add(Reference.TABLES);
            parts.add(input.name());
        } else if (reference instanceof Reference.StepOutput output) {
            parts.add(output.step());
            parts.add(Reference.OUTPUT);
            parts.addAll(output.path());
        } else if (reference instanceof Reference.StepTable table) {
            parts.add(table.step());
            parts.add(Reference.TABLES);
            parts.add(table.name());
        } else {
            parts.add(Reference.FAILURE);
            parts.addAll(((Reference.Failure) reference).path());
        }
        return "${" + String.join(".", parts) + "}";
    }

    /** The part of {@code value} at {@code path} (object fields; array elements by index), if it is there. */
    public static Optional<JsonNode> part(JsonNode value, List<String> path) {
        JsonNode at = value;
        for (String step : path) {
            at = at.isArray() && !step.isEmpty() && step.chars().allMatch(Character::isDigit)
                    ? at.get(Integer.parseInt(step))
                    : at.get(step);
            if (at == null) {
                return Optional.empty();
            }
        }
        return Optional.of(at);
    }

    private static JsonNode resolveText(String text, Function<Reference, JsonNode> values) {
        Optional<Reference> whole = whole(text);
        if (whole.isPresent()) {
            return values.apply(whole.get());
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (escaped(matcher)) {
                replacement = matcher.group().substring(1);
            } else {
                JsonNode value = values.apply(Reference.parse(matcher.group(1)));
                replacement = value.isTextual() ? value.textValue() : value.toString();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    private static void collect(JsonNode json, List<Reference> found) {
        if (json.isTextual()) {
            found.addAll(in(json.textValue()));
        } else {
            json.forEach(child -> collect(child, found));
        }
    }

    private static boolean escaped(Matcher matcher) {
        return matcher.group().startsWith("$$");
    }
}
