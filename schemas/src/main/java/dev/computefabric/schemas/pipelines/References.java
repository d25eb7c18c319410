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
        return resolve(json, reference -> Optional.of(values.apply(reference)), false);
    }

    /**
     * {@code json} with the references {@code values} knows replaced; the others, and every {@code $${}, stay as
     * written, for a {@link #resolve} later (a same-node step's references to the step it follows are filled in on
     * the node).
     */
    public static JsonNode resolveKnown(JsonNode json, Function<Reference, Optional<JsonNode>> values) {
        return resolve(json, values, true);
    }

    private static JsonNode resolve(JsonNode json, Function<Reference, Optional<JsonNode>> values, boolean partly) {
        if (json.isTextual()) {
            return resolveText(json.textValue(), values, partly);
        }
        if (json.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            json.forEach(element -> copy.add(resolve(element, values, partly)));
            return copy;
        }
        if (json.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                copy.set(field.getKey(), resolve(field.getValue(), values, partly));
            }
            return copy;
        }
        return json;
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

    private static JsonNode resolveText(String text, Function<Reference, Optional<JsonNode>> values, boolean partly) {
        Optional<Reference> whole = whole(text);
        if (whole.isPresent()) {
            return values.apply(whole.get()).orElseGet(() -> TextNode.valueOf(text));
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (escaped(matcher)) {
                replacement = partly ? matcher.group() : matcher.group().substring(1);
            } else {
                replacement = values.apply(Reference.parse(matcher.group(1)))
                        .map(value -> value.isTextual() ? value.textValue() : value.toString())
                        .orElse(matcher.group());
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
