package dev.computefabric.executor.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.ParamType;
import dev.computefabric.schemas.StrictJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a script's header: the comment lines at its top ({@code #} or {@code //}; a {@code #!} line and blank lines
 * may come first), with lines {@code key: value}:
 *
 * <pre>
 * #name: summarize
 * #description: total and row count of a column
 * #language: python
 * #input: dataframe sales
 * #input: string column = "amount" [the column to sum]
 * #input: int digits = 2 {optional: true}
 * #output: dataframe summary
 * #output: double total
 * #capabilities: gpu
 * </pre>
 *
 * Types: {@code int}, {@code double}, {@code string}, {@code bool}, {@code json}, {@code dataframe}. A default is
 * JSON ({@code "amount"}, {@code 2}, {@code true}); a bare word is a string. Names are identifiers.
 */
public final class ScriptHeaders {

    private static final Pattern LINE = Pattern.compile("^\\s*(?:#|//)\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern PARAM = Pattern.compile(
            "^(\\w+)\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=\\s*(.+?))?\\s*(\\{[^{}]*\\})?\\s*(?:\\[(.*)\\])?\\s*$");
    public static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Set<String> KEYS =
            Set.of("name", "description", "language", "input", "output", "capabilities", "tags", "image");
    private static final Map<String, ParamType> TYPES = Map.ofEntries(
            Map.entry("int", ParamType.INT),
            Map.entry("integer", ParamType.INT),
            Map.entry("double", ParamType.DOUBLE),
            Map.entry("float", ParamType.DOUBLE),
            Map.entry("number", ParamType.DOUBLE),
            Map.entry("string", ParamType.STRING),
            Map.entry("str", ParamType.STRING),
            Map.entry("bool", ParamType.BOOL),
            Map.entry("boolean", ParamType.BOOL),
            Map.entry("json", ParamType.JSON),
            Map.entry("dataframe", ParamType.DATAFRAME),
            Map.entry("table", ParamType.DATAFRAME));
    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private ScriptHeaders() {}

    /**
     * The header of the script {@code fileName} with content {@code text}; empty when it is not a script at all (no
     * extension of a known language and no {@code language:} line), e.g. a README next to the scripts.
     *
     * @throws ScriptHeaderException the header is wrong: the message names the line and the fix
     */
    public static Optional<ScriptHeader> parse(String fileName, String text) {
        String name = null;
        String description = null;
        String language = null;
        String image = null;
        List<FunctionParam> inputs = new ArrayList<>();
        List<FunctionParam> outputs = new ArrayList<>();
        List<String> capabilities = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty() || (i == 0 && stripped.startsWith("#!"))) {
                continue;
            }
            if (!stripped.startsWith("#") && !stripped.startsWith("//")) {
                break; // the header ends at the first line of code
            }
            Matcher entry = LINE.matcher(line);
            if (!entry.matches() || !KEYS.contains(entry.group(1).toLowerCase(Locale.ROOT))) {
                if (entry.matches() && looksLikeKey(entry.group(1))) {
                    throw error(fileName, i, "unknown header key '" + entry.group(1) + "'; the keys are " + KEYS);
                }
                continue; // an ordinary comment
            }
            String key = entry.group(1).toLowerCase(Locale.ROOT);
            String value = entry.group(2);
            switch (key) {
                case "name" -> name = value;
                case "description" -> description = value;
                case "language" -> language = value;
                case "image" -> image = value;
                case "capabilities", "tags" ->
                    Arrays.stream(value.split(","))
                            .map(String::strip)
                            .filter(tag -> !tag.isEmpty())
                            .forEach(capabilities::add);
                case "input" -> inputs.add(param(fileName, i, value, true, names));
                default -> outputs.add(param(fileName, i, value, false, names));
            }
        }
        Optional<ScriptLanguage> resolved =
                language != null ? ScriptLanguage.named(language) : ScriptLanguage.ofFile(fileName);
        if (language == null && resolved.isEmpty()) {
            return Optional.empty();
        }
        if (resolved.isEmpty()) {
            throw new ScriptHeaderException(
                    fileName + ": unknown language '" + language + "'; use python, r, bash, node, julia or container");
        }
        String function = name != null ? name : ScriptLanguage.baseName(fileName);
        if (!FUNCTION_NAME.matcher(function).matches()) {
            throw new ScriptHeaderException(fileName + ": '" + function + "' cannot be a function name; use letters,"
                    + " digits, '.', '_' and '-' (set it with a #name: line)");
        }
        if (resolved.get() == ScriptLanguage.CONTAINER && (image == null || image.isBlank())) {
            throw new ScriptHeaderException(fileName
                    + ": a container script needs an image: add a line #image: <image>, e.g. localhost/tools:1");
        }
        return Optional.of(
                new ScriptHeader(function, resolved.get(), description, inputs, outputs, capabilities, image));
    }

    private static boolean looksLikeKey(String key) {
        // "#note: ..." in a comment is prose; a near-miss of a key ("#ouput:") is a mistake worth a message.
        String lower = key.toLowerCase(Locale.ROOT);
        return KEYS.stream().anyMatch(known -> distance(lower, known) <= 2) && !KEYS.contains(lower);
    }

    private static FunctionParam param(String file, int line, String text, boolean input, Set<String> names) {
        Matcher m = PARAM.matcher(text);
        String what = input ? "#input" : "#output";
        String form = input ? "<type> <name> [= <default>] [{optional: true}] [<description>]" : "<type> <name>";
        if (!m.matches()) {
            throw error(
                    file,
                    line,
                    what + ": '" + text + "' is not " + form + "; for example "
                            + (input ? "#input: string column = \"amount\"" : "#output: double total"));
        }
        ParamType type = TYPES.get(m.group(1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw error(
                    file, line, "unknown type '" + m.group(1) + "'; use int, double, string, bool, json or dataframe");
        }
        String name = m.group(2);
        if (name.startsWith("_fabric") || name.startsWith("FABRIC_")) {
            throw error(file, line, "'" + name + "' is reserved for the fabric's own variables; choose another name");
        }
        if (!names.add((input ? "in:" : "out:") + name)) {
            throw error(file, line, "'" + name + "' is declared twice");
        }
        String defaultText = m.group(3) == null || m.group(3).isEmpty() ? null : m.group(3);
        boolean optional = m.group(4) != null && m.group(4).replace(" ", "").contains("optional:true");
        if (!input && (defaultText != null || optional)) {
            throw error(file, line, "an output has no default and is never optional: #output: " + form);
        }
        if (defaultText != null && type == ParamType.DATAFRAME) {
            throw error(file, line, "a dataframe input cannot have a default; mark it {optional: true} instead");
        }
        return FunctionParam.newBuilder()
                .setName(name)
                .setType(type)
                .setDefaultValue(defaultText == null ? null : defaultJson(file, line, type, defaultText))
                .setOptional(optional)
                .setDescription(
                        m.group(5) == null || m.group(5).isBlank()
                                ? null
                                : m.group(5).strip())
                .build();
    }

    /** The default as JSON text, checked against the type; a bare word for a string is quoted. */
    private static String defaultJson(String file, int line, ParamType type, String text) {
        JsonNode value;
        try {
            value = JSON.readTree(text);
        } catch (Exception notJson) {
            value = null;
        }
        if (value == null || value.isMissingNode()) {
            if (type == ParamType.STRING) {
                return JSON.getNodeFactory().textNode(text).toString();
            }
            throw error(
                    file,
                    line,
                    "the default '" + text + "' is not a " + type.name().toLowerCase(Locale.ROOT) + " value");
        }
        String mismatch = ScalarText.mismatch(value, type);
        if (mismatch != null) {
            throw error(file, line, "the default " + mismatch);
        }
        return value.toString();
    }

    private static ScriptHeaderException error(String file, int line, String problem) {
        return new ScriptHeaderException(file + " line " + (line + 1) + ": " + problem);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
