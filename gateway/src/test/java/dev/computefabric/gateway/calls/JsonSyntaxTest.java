package dev.computefabric.gateway.calls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed JSON is answered in the words of the JSON the client wrote, never with the parser's internals. */
class JsonSyntaxTest {

    private final CallRequestParser parser = new CallRequestParser(Duration.ofSeconds(60), 64 * 1024);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"function\": \"echo\",}   | at line 1, column 21: expected a field name in double quotes, found '}' (JSON allows no comma before '}')",
                "{function: \"echo\"}        | at line 1, column 2: expected a field name in double quotes, found 'f'",
                "{\"a\": 1 \"b\": 2}         | at line 1, column 9: expected ',' or '}' after a field's value, found '\"'",
                "{\"a\" 1}                  | at line 1, column 6: expected ':' after a field name, found '1'",
                "{\"a\": [1 2]}             | at line 1, column 10: expected ',' or ']' after an array element, found '2'",
                "{\"a\": abc}               | at line 1, column 7: expected a value (a \"string\" in double quotes, a number, true, false, null, an {object} or an [array]), found 'abc' (text needs double quotes)",
                "{\"a\": 'x'}               | at line 1, column 7: expected a value (a \"string\" in double quotes, a number, true, false, null, an {object} or an [array]), found ''' (JSON strings take double quotes)",
                "{\"function\": \"echo\"     | at line 1, column 20: the body ends inside an object: a closing '}' is missing",
                "{\"a\": [1, 2              | at line 1, column 12: the body ends inside an array: a closing ']' is missing",
                "{\"a\": \"x                 | at line 1, column 9: the body ends inside a string: a closing '\"' is missing",
                "{\"a\": [1}                | at line 1, column 9: found '}' where ']' should close what was opened before",
                "{\"a\": 1, \"a\": 2}         | at line 1, column 13: field \"a\" appears twice in one object",
                "{\"a\": 1} {}              | at line 1, column 10: more follows after the JSON value; send exactly one JSON object",
                "{\"a\": 01}                | at line 1, column 8: invalid number: Leading zeroes not allowed",
                "{\"a\": NaN}               | at line 1, column 10: 'NaN' is not a JSON number",
            })
    void aSyntaxErrorSaysWhereAndWhatWasExpected(String body, String message) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("the request body is not valid JSON " + message)
                .message()
                .doesNotContain("Source", "REDACTED", "JsonToken", "code ", "`");
    }

    @Test
    void anUnescapedLineBreakInAStringIsNamedWithItsLine() {
        String body = "{\n  \"function\": \"echo\",\n  \"args\": {\"text\": \"a\nb\"}\n}";

        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("the request body is not valid JSON at line 3")
                .hasMessageEndingWith("a string holds an unescaped control character (code 10); write line breaks as"
                        + " \\n and tabs as \\t");
    }
}
