package dev.computefabric.gateway.calls;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Says what is wrong with a body that is not JSON in the caller's terms: where (line and column) and what was
 * expected there, quoting what they sent. Jackson's own messages name its internals (token types, features,
 * {@code [Source: REDACTED ...]}); these are the same facts in the words of the JSON a client wrote.
 */
public final class JsonSyntax {

    /** What a client may write where a value goes, for messages. */
    static final String VALUE =
            "a value (a \"string\" in double quotes, a number, true, false, null, an {object} or an [array])";

    /** Jackson's message (its original text, without location) → ours; the first pattern that matches wins. */
    private static final List<Rule> RULES = List.of(
            rule(
                    "Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting double-quote to start (?:field|property) name",
                    m -> "expected a field name in double quotes" + found(m.group(1))
                            + ("}".equals(m.group(1)) ? " (JSON allows no comma before '}')" : "")),
            rule(
                    "Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting comma to separate Object entries",
                    m -> "expected ',' or '}' after a field's value" + found(m.group(1))),
            rule(
                    "Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting comma to separate Array entries",
                    m -> "expected ',' or ']' after an array element" + found(m.group(1))),
            rule(
                    "Unexpected character \\('(.*)' \\(code \\d+\\)\\): was expecting a colon to separate (?:field|property) name and value",
                    m -> "expected ':' after a field name" + found(m.group(1))),
            rule(
                    "Unexpected character \\('(.*)' \\(code \\d+\\)\\): expected a valid value.*",
                    m -> "expected " + VALUE + found(m.group(1))
                            + ("'".equals(m.group(1)) ? " (JSON strings take double quotes)" : "")),
            rule(
                    "Unrecognized token '(.*)': was expecting.*",
                    m -> "expected " + VALUE + ", found '" + m.group(1) + "' (text needs double quotes)"),
            rule(
                    "Unexpected end-of-input: expected close marker for Object.*",
                    m -> "the body ends inside an object: a closing '}' is missing"),
            rule(
                    "Unexpected end-of-input: expected close marker for Array.*",
                    m -> "the body ends inside an array: a closing ']' is missing"),
            rule(
                    "Unexpected end-of-input(?:.*closing quote.*| in VALUE_STRING.*| in a String value.*)",
                    m -> "the body ends inside a string: a closing '\"' is missing"),
            rule("Unexpected end-of-input.*", m -> "the body ends before the JSON value is complete"),
            rule(
                    "Unexpected close marker '(.)': expected '(.)'.*",
                    m -> "found '" + m.group(1) + "' where '" + m.group(2) + "' should close what was opened before"),
            rule(
                    "Unexpected close marker '(.)': no open .* to close.*",
                    m -> "found '" + m.group(1) + "' with nothing open for it to close"),
            rule(
                    "Duplicate (?:Object property|field) \"(.*)\"",
                    m -> "field \"" + m.group(1) + "\" appears twice in one object"),
            rule("Trailing token.*", m -> "more follows after the JSON value; send exactly one JSON object"),
            rule(
                    "Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*",
                    m -> "a string holds an unescaped control character (code " + m.group(1)
                            + "); write line breaks as \\n and tabs as \\t"),
            rule(
                    "Unrecognized character escape (.*)",
                    m -> "unknown escape " + m.group(1).replaceAll(" \\(code \\d+\\)", "")
                            + " in a string; a backslash must be written as \\\\"),
            rule("Invalid numeric value: (.*)", m -> "invalid number: " + m.group(1)),
            rule("Non-standard token '(.*)'.*", m -> "'" + m.group(1) + "' is not a JSON number"));

    private static final Pattern LOCATION =
            Pattern.compile("\\s*\\(?(?:start marker |for \\w+ starting )?at \\[Source.*?\\]\\)?");

    private JsonSyntax() {}

    /** {@code "the request body is not valid JSON at line 1, column 21: expected ..."}. */
    public static String describe(JacksonException e) {
        return "the request body is not valid JSON" + where(e.getLocation()) + ": " + what(e.getOriginalMessage());
    }

    static String what(String jacksonMessage) {
        String message = jacksonMessage == null ? "" : jacksonMessage.strip();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(message);
            if (m.matches()) {
                return rule.message().apply(m);
            }
        }
        // Unforeseen: Jackson's words, without its source location and internal names.
        return LOCATION.matcher(message)
                .replaceAll("")
                .replaceAll("`[^`]*`", "")
                .strip();
    }

    private static String where(TokenStreamLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return " at line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "");
    }

    private static String found(String character) {
        return ", found '" + character + "'";
    }

    private static Rule rule(String regex, Function<Matcher, String> message) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), message);
    }

    private record Rule(Pattern pattern, Function<Matcher, String> message) {}
}
