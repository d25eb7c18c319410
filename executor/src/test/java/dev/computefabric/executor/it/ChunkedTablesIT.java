package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.tables.TableStore;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline's map and reduce by hand: a 20 MB CSV in the stack's S3, described whole and in 8 chunks (each read by
 * ranged GETs), the chunks' descriptions merged by {@code table.describe.merge}.
 */
class ChunkedTablesIT {

    static final Duration BOUND = Duration.ofSeconds(90);
    static final long TWENTY_MB = 20L * 1024 * 1024;
    static final int PARTS = 8;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void theMergedDescriptionsOfEightChunksOfAStoredTableAreTheDescriptionOfTheWholeTable() throws Exception {
        try (Scenario scenario = new Scenario(DispatchMode.SHARE);
                TableStore storage = new TableStore(scenario.s3Settings())) {
            String topic = scenario.topic(scenario.tag);
            Path csv = generate(scratch.resolve("table.csv"));
            TableRef ref;
            try (InputStream in = Files.newInputStream(csv)) {
                ref = storage.put(in, TableFormat.CSV);
            }
            assertThat(ref.getSizeBytes()).isGreaterThanOrEqualTo(TWENTY_MB);
            scenario.executor(
                    scenario.tag + "-chunks",
                    2,
                    "--s3",
                    scenario.stack.s3Endpoint(),
                    "--s3-bucket",
                    scenario.stack.s3Bucket(),
                    "--s3-access-key",
                    scenario.stack.s3AccessKey(),
                    "--s3-secret-key",
                    scenario.stack.s3SecretKey());
            Table whole =
                    Table.newBuilder().setFormat(TableFormat.CSV).setData(ref).build();

            scenario.produce(topic, describe(scenario, "whole", whole));
            for (int index = 0; index < PARTS; index++) {
                Table chunk = Table.newBuilder(whole)
                        .setChunk(TableChunk.newBuilder()
                                .setIndex(index)
                                .setCount(PARTS)
                                .build())
                        .build();
                scenario.produce(topic, describe(scenario, "part-" + index, chunk));
            }
            JsonNode described = finished(scenario, "whole");
            ObjectNode mergeArgs = JSON.createObjectNode();
            long partRows = 0;
            for (int index = 0; index < PARTS; index++) {
                JsonNode part = finished(scenario, "part-" + index);
                partRows += part.path("rows").asLong();
                mergeArgs.withArray("parts").add(part);
            }
            scenario.produce(topic, scenario.call("merge", "table.describe.merge", mergeArgs.toString()));
            JsonNode merged = finished(scenario, "merge");

            assertThat(partRows).isEqualTo(described.path("rows").asLong()).isGreaterThan(900_000);
            assertThat(merged.path("rows")).isEqualTo(described.path("rows"));
            assertThat(merged.path("columns").fieldNames())
                    .toIterable()
                    .containsExactly("id", "price", "label", "note");
            described.path("columns").fields().forEachRemaining(column -> {
                JsonNode expected = column.getValue();
                JsonNode actual = merged.path("columns").path(column.getKey());
                assertThat(actual.path("count")).as(column.getKey()).isEqualTo(expected.path("count"));
                assertThat(actual.path("min")).as(column.getKey()).isEqualTo(expected.path("min"));
                assertThat(actual.path("max")).as(column.getKey()).isEqualTo(expected.path("max"));
                if (expected.path("mean").isNull()) {
                    assertThat(actual.path("mean").isNull()).as(column.getKey()).isTrue();
                } else {
                    assertThat(actual.path("mean").asDouble())
                            .as(column.getKey())
                            .isCloseTo(expected.path("mean").asDouble(), withinPercentage(1e-7));
                }
            });
        }
    }

    private static FuncCall describe(Scenario scenario, String name, Table table) {
        FuncCall call = scenario.call(name, "table.describe", "{}");
        call.setTables(Map.of("data", table));
        return call;
    }

    private static JsonNode finished(Scenario scenario, String name) throws Exception {
        FuncResult result =
                await("the result of " + name).atMost(BOUND).until(() -> scenario.result(name), r -> r != null);
        assertThat(result.getState()).as("%s: %s", name, result.getError()).isEqualTo(CallState.FINISHED);
        return JSON.readTree(result.getOutput());
    }

    /** Rows {@code id,price,label,note} until the file has 20 MB: prices with two decimals, every 7th note empty. */
    private static Path generate(Path file) throws Exception {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
            out.write("id,price,label,note\n");
            long bytes = 0;
            for (long i = 1; bytes < TWENTY_MB; i++) {
                long cents = (i * 7919) % 100003;
                String row = i + "," + cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100 + ",k"
                        + (i % 1000) + "," + (i % 7 == 0 ? "" : Long.toString(i % 13 - 6)) + "\n";
                out.write(row);
                bytes += row.length();
            }
        }
        return file;
    }
}
