package dev.computefabric.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.Priority;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.schemas.Capset;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallRequestParserTest {

    private final CallRequestParser parser = new CallRequestParser(Duration.ofSeconds(60), 64 * 1024);

    private CallSubmission parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusing(String json) {
        return assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aBareFunctionGetsEveryDefault() {
        CallSubmission request = parse("{\"function\": \"echo\"}");

        assertThat(request.function()).isEqualTo("echo");
        assertThat(request.argsJson()).isEqualTo("{}");
        assertThat(request.capset()).isEqualTo(Capset.of());
        assertThat(request.tables()).isEmpty();
        assertThat(request.timeoutMs()).isNull();
        assertThat(request.slots()).isEqualTo(1);
        assertThat(request.waitFor()).isEmpty();
        assertThat(request.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void priorityIsOneOfThreeLevelsInAnyCase() {
        assertThat(parse("{\"function\": \"echo\", \"priority\": \"high\"}").priority())
                .isEqualTo(Priority.HIGH);
        assertThat(parse("{\"function\": \"echo\", \"priority\": \"LOW\"}").priority())
                .isEqualTo(Priority.LOW);
        assertThat(parse("{\"function\": \"echo\", \"priority\": \"normal\"}").priority())
                .isEqualTo(Priority.NORMAL);
    }

    @Test
    void anIdempotencyKeyIsOptionalAndAKeyThatCannotBeOneSaysWhatToSend() {
        assertThat(parser.idempotencyKey(null)).isNull();
        assertThat(parser.idempotencyKey("order-4711")).isEqualTo("order-4711");
        assertThatThrownBy(() -> parser.idempotencyKey("two words"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Idempotency-Key")
                .hasMessageContaining("e.g. a UUID");
    }

    @Test
    void readsEveryField() {
        CallSubmission request = parse("""
                {"function": "table.describe", "args": {"x": [1, 2], "y": {"z": null}},
                 "requirements": ["Python", "gpu"],
                 "tables": {"input": {"format": "csv", "content": "a,b\\n1,2\\n"}, "more": {"format": "JSONL", "content": "{}"}},
                 "timeoutMs": 5000, "slots": 2, "wait": "30s"}
                """);

        assertThat(request.function()).isEqualTo("table.describe");
        assertThat(request.argsJson()).isEqualTo("{\"x\":[1,2],\"y\":{\"z\":null}}");
        assertThat(request.capset().name()).isEqualTo("gpu.python");
        assertThat(request.tables()).containsOnlyKeys("input", "more");
        assertThat(request.tables().get("input").format()).isEqualTo(TableFormat.CSV);
        assertThat(new String(request.tables().get("input").content(), StandardCharsets.UTF_8))
                .isEqualTo("a,b\n1,2\n");
        assertThat(request.tables().get("more").format()).isEqualTo(TableFormat.JSONL);
        assertThat(request.timeoutMs()).isEqualTo(5000L);
        assertThat(request.slots()).isEqualTo(2);
        assertThat(request.waitFor()).contains(Duration.ofSeconds(30));
    }

    @Test
    void waitMayBeANumberOfSecondsAndIsCappedAtTheMaximum() {
        assertThat(parse("{\"function\": \"echo\", \"wait\": 1.5}").waitFor()).contains(Duration.ofMillis(1500));
        assertThat(parse("{\"function\": \"echo\", \"wait\": \"10m\"}").waitFor())
                .contains(Duration.ofSeconds(60));
        assertThat(parse("{\"function\": \"echo\", \"wait\": 0}").waitFor()).isEmpty();
    }

    @ParameterizedTest(name = "\"wait\": {0} is held {1} ms, capped: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"500ms\"     | 500   | false",
                "\"30s\"       | 30000 | false",
                "\"1m\"        | 60000 | false",
                "\"2h\"        | 60000 | true",
                "\"PT45S\"     | 45000 | false",
                "\"PT999999H\" | 60000 | true",
                "\"99999m\"    | 60000 | true",
                "1e30          | 60000 | true",
                "\"12\"        | 12000 | false",
                "2.5           | 2500  | false",
            })
    void everyFormOfWaitIsReadAndAWaitAboveTheMaximumSaysItWasCapped(String wait, long millis, boolean capped) {
        CallSubmission request = parse("{\"function\": \"echo\", \"wait\": " + wait + "}");

        assertThat(request.waitFor()).contains(Duration.ofMillis(millis));
        assertThat(request.waitCapped()).isEqualTo(capped);
        assertThat(request.requestedWait()).contains(new RequestedWait(Duration.ofMillis(millis), capped));
    }

    @Test
    void aCapabilityTagIsQuotedBackAsSentWithWhatIsAllowed() {
        refusing("{\"function\": \"echo\", \"requirements\": [\"GPU_x\"]}")
                .hasMessageStartingWith("requirements: capability tag \"GPU_x\" is not allowed: a tag is lower-case"
                        + " letters, digits and '-'")
                .hasMessageEndingWith("e.g. \"gpu-x\"");
        refusing("{\"function\": \"echo\", \"requirements\": [\"Any\"]}")
                .hasMessageStartingWith("requirements: capability tag \"Any\" is not allowed: \"any\" names the topic");
    }

    @Test
    void tagsInAnyCaseNameTheSameCapset() {
        assertThat(parse("{\"function\": \"echo\", \"requirements\": [\" GPU \", \"python\"]}")
                        .capset())
                .isEqualTo(Capset.of("gpu", "python"));
    }

    @Test
    void cacheIsTheGatewaysPolicyUnlessTheCallSays() {
        assertThat(parse("{\"function\": \"echo\"}").caching()).isEqualTo(Caching.POLICY);
        assertThat(parse("{\"function\": \"echo\", \"cache\": false}").caching())
                .isEqualTo(Caching.OFF);
        assertThat(parse("{\"function\": \"echo\", \"cache\": true}").caching()).isEqualTo(Caching.on(null));
        assertThat(parse("{\"function\": \"echo\", \"cache\": {}}").caching()).isEqualTo(Caching.on(null));
        assertThat(parse("{\"function\": \"echo\", \"cache\": {\"ttl\": \"10m\"}}")
                        .caching())
                .isEqualTo(Caching.on(Duration.ofMinutes(10)));
        assertThat(parse("{\"function\": \"echo\", \"cache\": {\"ttl\": 90}}").caching())
                .isEqualTo(Caching.on(Duration.ofSeconds(90)));
        assertThat(parse("{\"function\": \"echo\", \"cache\": {\"ttl\": \"PT48H\"}}")
                        .caching())
                .as("capped")
                .isEqualTo(Caching.on(CallRequestParser.MAX_CACHE_TTL));
    }

    @Test
    void aBadCacheFieldSaysWhatToSend() {
        refusing("{\"function\": \"echo\", \"cache\": \"yes\"}")
                .hasMessage("cache must be true, false or {\"ttl\": \"10m\"}, got string");
        refusing("{\"function\": \"echo\", \"cache\": {\"ttl\": \"soon\"}}")
                .hasMessageStartingWith("cache.ttl must be a positive duration");
        refusing("{\"function\": \"echo\", \"cache\": {\"ttl\": 0}}")
                .hasMessageStartingWith("cache.ttl must be a positive duration");
        refusing("{\"function\": \"echo\", \"cache\": {\"tll\": \"1m\"}}")
                .hasMessageStartingWith("unknown field \"cache.tll\"");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"function\": \"echo\",}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("the request body is not valid JSON at line 1, column");
        assertThatThrownBy(() -> parse("{\"function\": \"echo\"} trailing")).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> parse("{\"function\": \"echo\", \"function\": \"again\"}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("function");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("the request body is empty");
        assertThatThrownBy(() -> parser.parse(null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("the request body is empty");
        refusing("   ").hasMessageContaining("no JSON value");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[1, 2]                                                            | the request body must be a JSON object",
                "{}                                                                | function is required",
                "{\"function\": \"  \"}                                            | function is required",
                "{\"function\": 7}                                                 | function must be a string such as \"echo\", got number",
                "{\"function\": \"ec ho\"}                                         | must not contain whitespace",
                "{\"function\": \"echo\", \"args\": [1]}                           | args must be a JSON object",
                "{\"function\": \"echo\", \"args\": \"x\"}                         | args must be a JSON object such as {\"text\": \"hi\"}, got string",
                "{\"function\": \"echo\", \"requirements\": \"python\"}            | requirements must be an array",
                "{\"function\": \"echo\", \"requirements\": [1]}                   | requirements must hold strings",
                "{\"function\": \"echo\", \"requirements\": [\"Py thon\"]}         | capability tag \"Py thon\" is not allowed",
                "{\"function\": \"echo\", \"requirements\": [\"any\"]}             | capability tag \"any\" is not allowed",
                "{\"function\": \"echo\", \"tables\": []}                          | tables must be an object of named tables",
                "{\"function\": \"echo\", \"tables\": {\"t\": \"a,b\"}}            | tables.t must be an object",
                "{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"csv\"}}}           | tables.t.content is required",
                "{\"function\": \"echo\", \"tables\": {\"t\": {\"content\": \"a\"}}}            | tables.t.format is required: \"csv\" or \"jsonl\"",
                "{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"xlsx\", \"content\": \"a\"}}} | tables.t.format must be \"csv\" or \"jsonl\", got \"xlsx\"",
                "{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"csv\", \"content\": \"a\", \"x\": 1}}} | unknown field \"tables.t.x\"",
                "{\"function\": \"echo\", \"timeoutMs\": -1}                       | timeoutMs must be a positive whole number",
                "{\"function\": \"echo\", \"timeoutMs\": 1.5}                      | timeoutMs must be a positive whole number",
                "{\"function\": \"echo\", \"timeoutMs\": \"100\"}                  | timeoutMs must be a positive whole number",
                "{\"function\": \"echo\", \"slots\": 0}                            | slots must be a whole number from 1 to 1024",
                "{\"function\": \"echo\", \"slots\": 2.5}                          | slots must be a whole number",
                "{\"function\": \"echo\", \"wait\": \"soon\"}                      | wait must be a duration such as \"500ms\", \"30s\", \"2m\", \"1h\" or \"PT30S\" (ISO-8601), or a number of seconds; got \"soon\"",
                "{\"function\": \"echo\", \"wait\": -1}                            | wait cannot be negative",
                "{\"function\": \"echo\", \"wait\": true}                          | wait must be a duration",
                "{\"function\": \"echo\", \"wait\": 1e400}                         | wait must be a duration",
                "{\"function\": \"echo\", \"cache\": {\"ttl\": 1e400}}           | cache.ttl must be a positive duration",
                "{\"function\": \"echo\", \"timeoutMs\": 1e400}                    | timeoutMs must be a positive whole number",
                "{\"function\": \"echo\", \"slots\": 1e400}                        | slots must be a whole number",
                "{\"function\": \"echo\", \"priority\": \"urgent\"}                 | priority must be one of \"high\", \"normal\", \"low\" (default \"normal\"), got \"urgent\"",
                "{\"function\": \"echo\", \"priority\": 1}                          | priority must be one of \"high\", \"normal\", \"low\", got number",
                "{\"function\": \"echo\", \"requirement\": [\"python\"]}           | unknown field \"requirement\"; known fields are args, cache, function, priority, requirements",
            })
    void refusesInvalidRequestsSayingWhatToFix(String json, String message) {
        refusing(json).hasMessageContaining(message);
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnparsed() throws Exception {
        String padding = "x".repeat(64 * 1024);
        byte[] body =
                ("{\"function\": \"echo\", \"args\": {\"pad\": \"" + padding + "\"}}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.read(new ByteArrayInputStream(body)))
                .isInstanceOf(CallTooLargeException.class)
                .hasMessageContaining("larger than 65536 bytes");
        assertThat(parser.read(new ByteArrayInputStream("{\"function\": \"echo\"}".getBytes(StandardCharsets.UTF_8)))
                        .function())
                .isEqualTo("echo");
    }

    @Test
    void waitParameterOfGetIsOptional() {
        assertThat(parser.waitParameter(null)).isEmpty();
        assertThat(parser.waitParameter(" ")).isEmpty();
        assertThat(parser.waitParameter("0")).isEmpty();
        assertThat(parser.waitParameter("250ms")).contains(new RequestedWait(Duration.ofMillis(250), false));
        assertThat(parser.waitParameter("2h")).contains(new RequestedWait(Duration.ofSeconds(60), true));
        assertThatThrownBy(() -> parser.waitParameter("later")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aTableMayNameAnUploadedTableByItsHash() {
        String hex = "0123456789abcdef".repeat(4);
        CallSubmission request =
                parse("{\"function\": \"table.describe\", \"tables\": {\"data\": {\"format\": \"csv\", \"sha256\": \""
                        + hex.toUpperCase() + "\"}}}");

        CallSubmission.TableInput data = request.tables().get("data");
        assertThat(data.sha256()).isEqualTo(hex);
        assertThat(data.content()).isNull();
        assertThat(data.format()).isEqualTo(TableFormat.CSV);
    }

    @Test
    void aTableByHashNeedsSixtyFourHexDigitsAndNoContent() {
        refusing("{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"csv\", \"sha256\": \"abc\"}}}")
                .hasMessageContaining("tables.t.sha256 must be the SHA-256 of an uploaded table as 64 hex digits");
        refusing("{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"csv\", \"content\": \"a\", \"sha256\": \""
                        + "ab".repeat(32) + "\"}}}")
                .hasMessageContaining("has both content and sha256");
    }
}
