package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static final String CSV = "a,b\n1,2\n";

    @Test
    void argumentsInAnotherOrderOrSpacingAreTheSameQuestion() {
        assertThat(CacheKeys.of("f", "{\"a\":{\"y\":1,\"x\":[2,1]},\"b\":\"t\"}", Map.of()))
                .isEqualTo(CacheKeys.of("f", "{ \"b\": \"t\", \"a\": {\"x\": [2, 1], \"y\": 1} }", Map.of()));
    }

    @Test
    void anyDifferenceInFunctionArgumentsOrTablesIsAnotherQuestion() {
        String base = CacheKeys.of("f", "{\"x\":[1,2]}", Map.of("in", inline(CSV)));

        assertThat(CacheKeys.of("g", "{\"x\":[1,2]}", Map.of("in", inline(CSV))))
                .isNotEqualTo(base);
        assertThat(CacheKeys.of("f", "{\"x\":[2,1]}", Map.of("in", inline(CSV))))
                .as("array order matters")
                .isNotEqualTo(base);
        assertThat(CacheKeys.of("f", "{\"x\":[1,2]}", Map.of("in", inline(CSV + "3,4\n"))))
                .isNotEqualTo(base);
        assertThat(CacheKeys.of("f", "{\"x\":[1,2]}", Map.of("other", inline(CSV))))
                .isNotEqualTo(base);
        assertThat(CacheKeys.of("f", "{\"x\":[1,2]}", Map.of())).isNotEqualTo(base);
    }

    @Test
    void aTableSentInlineAndTheSameBytesInS3ShareAKey() throws Exception {
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(CSV.getBytes(StandardCharsets.UTF_8)));
        Table stored = Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(TableRef.newBuilder()
                        .setUri("s3://fabric/tables/" + sha)
                        .setFormat(TableFormat.CSV)
                        .setSizeBytes(CSV.length())
                        .setSha256(sha)
                        .build())
                .build();

        assertThat(CacheKeys.of("f", "{}", Map.of("in", stored)))
                .isEqualTo(CacheKeys.of("f", "{}", Map.of("in", inline(CSV))));
    }

    @Test
    void tableOrderInTheRequestDoesNotMatter() {
        Map<String, Table> ab = new LinkedHashMap<>();
        ab.put("a", inline("x\n1\n"));
        ab.put("b", inline("y\n2\n"));
        Map<String, Table> ba = new LinkedHashMap<>();
        ba.put("b", inline("y\n2\n"));
        ba.put("a", inline("x\n1\n"));

        assertThat(CacheKeys.of("f", "{}", ab)).isEqualTo(CacheKeys.of("f", "{}", ba));
    }

    @Test
    void eachChunkOfATableIsAQuestionOfItsOwnAndTheWholeTableKeepsItsKey() {
        Table whole = inline(CSV);
        Table first = inline(CSV);
        first.setChunk(new TableChunk(0, 2));
        Table second = inline(CSV);
        second.setChunk(new TableChunk(1, 2));

        String wholeKey = CacheKeys.of("f", "{}", Map.of("in", whole));
        assertThat(CacheKeys.of("f", "{}", Map.of("in", first)))
                .isNotEqualTo(wholeKey)
                .isNotEqualTo(CacheKeys.of("f", "{}", Map.of("in", second)));
        // The recipe of a whole table is unchanged: entries cached before chunks existed still answer.
        assertThat(wholeKey).isEqualTo("2e69d452b7f5f8e2ed8be28ecbbe11861679ad2f8ad29d616b37339cf0941e02");
    }

    @Test
    void theKeysAreTheGatewaysOfBeforeTheRouterKeyedStepsToo() {
        // Written by the gateway's own implementation (Jackson 3) before the recipe moved here (Jackson 2).
        assertThat(CacheKeys.of("f", "{\"b\": 1.50, \"a\": [1, {\"z\": null, \"y\": \"\\u00e9\"}]}", Map.of()))
                .isEqualTo("8ae9cbdbaf9d6bfcb86cc38c4a2c976d555efa7be4029fc599698a095ca2e668");
    }

    private static Table inline(String csv) {
        return Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(ByteBuffer.wrap(csv.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
