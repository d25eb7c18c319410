package dev.computefabric.gateway.tables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.CallSubmission;
import dev.computefabric.gateway.calls.FunctionNotFoundException;
import dev.computefabric.gateway.calls.InvalidRequestException;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tables within the inline limit only: they never reach storage, so no S3 server is needed. */
class MultipartCallsTest {

    private static final String BOUNDARY = "xyz";

    private final TableStore unreachable = new TableStore(S3Settings.of("http://127.0.0.1:9"));
    private final MultipartCalls multipart = new MultipartCalls(
            new CallRequestParser(Duration.ofSeconds(60), 64 * 1024), new TableUploads(new Tables(unreachable, 1024)));

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void theCallPartIsTheRequestAndEveryOtherPartATableNamedAfterIt() {
        CallSubmission call = read(part(
                        "call",
                        null,
                        "application/json",
                        "{\"function\": \"table.describe\", \"tables\": "
                                + "{\"inline\": {\"format\": \"csv\", \"content\": \"q\\n1\\n\"}}}")
                + part("sales", "sales.csv", null, "a,b\n1,2\n")
                + part("events", null, "application/x-ndjson", "{\"x\": 1}\n"));

        assertThat(call.function()).isEqualTo("table.describe");
        assertThat(call.tables()).containsOnlyKeys("inline", "sales", "events");
        assertThat(call.tables().get("sales").format()).isEqualTo(TableFormat.CSV);
        assertThat(new String(call.tables().get("sales").content(), UTF_8)).isEqualTo("a,b\n1,2\n");
        assertThat(call.tables().get("events").format()).isEqualTo(TableFormat.JSONL);
    }

    @Test
    void theCallPartMayComeAfterTheTables() {
        CallSubmission call =
                read(part("data", "d.jsonl", null, "{}\n") + part("call", null, null, "{\"function\": \"echo\"}"));

        assertThat(call.tables()).containsOnlyKeys("data");
    }

    @Test
    void aBodyWithoutACallPartSaysHowToSendOne() {
        assertThatThrownBy(() -> read(part("data", "d.csv", null, "a\n")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no part named \"call\"");
    }

    @Test
    void aTablePartOfUnknownFormatNamesTheWaysToDeclareIt() {
        assertThatThrownBy(() -> read(part("call", null, null, "{\"function\": \"echo\"}")
                        + part("data", "d.txt", "text/plain", "a\n")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Content-Type text/plain, file name d.txt")
                .hasMessageContaining("text/csv");
    }

    @Test
    void aTableSentBothInTheRequestAndAsAPartIsRefused() {
        assertThatThrownBy(() -> read(part(
                                "call",
                                null,
                                null,
                                "{\"function\": \"echo\", \"tables\": "
                                        + "{\"data\": {\"format\": \"csv\", \"content\": \"a\\n\"}}}")
                        + part("data", "d.csv", null, "a\n")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("send it one way");
    }

    @Test
    void twoPartsOfTheSameNameAreRefused() {
        assertThatThrownBy(() -> read(part("call", null, null, "{\"function\": \"echo\"}")
                        + part("d", "d.csv", null, "a\n")
                        + part("d", "d.csv", null, "b\n")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("two parts named \"d\"");
    }

    @Test
    void aCallToAFunctionNoNodeOffersIsRefusedBeforeAnyTableIsRead() {
        MultipartCalls checked = new MultipartCalls(
                new CallRequestParser(Duration.ofSeconds(60), 64 * 1024),
                new TableUploads(new Tables(unreachable, 1024)),
                function -> {
                    throw new FunctionNotFoundException(function, List.of("echo"), "no function '" + function + "'");
                });
        // Over the inline limit: reading it would try the (unreachable) storage and fail another way.
        String body = part("call", null, null, "{\"function\": \"ecko\"}")
                + part("big", "big.csv", null, "a\n" + "1\n".repeat(2_000))
                + "--" + BOUNDARY + "--\r\n";

        assertThatThrownBy(() -> checked.read(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY))
                .isInstanceOf(FunctionNotFoundException.class);
    }

    @Test
    void theRequestPartIsValidatedLikeAJsonBody() {
        assertThatThrownBy(() -> read(part("call", null, null, "{\"function\": \"echo\", \"requirement\": []}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("unknown field \"requirement\"");
    }

    private CallSubmission read(String parts) {
        String body = parts + "--" + BOUNDARY + "--\r\n";
        return multipart.read(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY);
    }

    private static String part(String name, String fileName, String contentType, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "\r\n" + content + "\r\n";
    }
}
