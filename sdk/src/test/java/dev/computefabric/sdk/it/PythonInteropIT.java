package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.schemas.ContractSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Clients we did not write: Debian's {@code confluent_kafka.avro} (librdkafka + python3-avro) and {@code boto3}.
 * They register the contract's {@code .avsc} files and get the fabric's ids, produce a call with librdkafka's own
 * partitioner and decode its FuncResult, store a table in the fabric's S3 and have it described, all over Kafka on
 * a fabric no gateway ever ran on; last, the Python HTTP client through the gateway. Skipped, saying why, when the
 * interpreter or packages are missing ({@code .ci/run} installs them).
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonInteropIT {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("python", "interop_roundtrip.py").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Partitions of the fabric's call topics (the stack's default). */
    private static final int PARTITIONS = 6;

    @BeforeAll
    static void requireDebiansPythonClients() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " is missing (apt-get install python3)");
        Run probe = run(List.of(PYTHON.toString(), "-c", "import confluent_kafka.avro, avro.schema"), 30);
        assumeTrue(
                probe.exitCode() == 0,
                "skipped: confluent_kafka.avro does not import with " + PYTHON
                        + " (apt-get install python3-confluent-kafka python3-avro): " + probe.output());
    }

    @Test
    @Order(1)
    void python_registers_the_avsc_files_and_gets_the_ids_the_fabric_registered_at_provisioning() throws Exception {
        TestFabric fabric = TestFabric.neverCalledOverHttp();
        RegistryHttp registry = new RegistryHttp(fabric.registryUrl());
        List<String> names = new ArrayList<>();
        List<Integer> provisioned = new ArrayList<>();
        for (var type : ContractSchemas.VALUE_TYPES) {
            names.add(type.getSimpleName());
            String subject = ContractSchemas.subjectOf(type);
            assertThat(registry.get("/subjects/" + subject + "/versions").json())
                    .as("%s has its one version from provisioning", subject)
                    .hasSize(1);
            provisioned.add(
                    registry.get("/subjects/" + subject + "/versions/latest").id());
        }

        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), "register"));
        command.add(fabric.registryUrl());
        command.addAll(names);
        Run run = succeeded(run(command, 120));

        List<String> ids = run.lines("ID ");
        assertThat(ids).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            String subject = ContractSchemas.subjectOf(ContractSchemas.VALUE_TYPES.get(i));
            assertThat(ids.get(i))
                    .as("python's registration and lookup of %s: same id, still version 1", subject)
                    .isEqualTo(subject + " " + provisioned.get(i) + " " + provisioned.get(i) + " 1");
            assertThat(registry.get("/subjects/" + subject + "/versions").json())
                    .hasSize(1);
        }
    }

    @Test
    @Order(2)
    void python_round_trips_a_call_over_kafka_with_librdkafkas_own_partitioner() throws Exception {
        TestFabric fabric = TestFabric.neverCalledOverHttp();
        // librdkafka's default partitioner (consistent_random) is CRC32 of the key: an id it places apart from murmur2.
        String callId = callIdPlacedApart();
        Run run = run(
                List.of(
                        PYTHON.toString(),
                        SCRIPT.toString(),
                        "kafka",
                        fabric.bootstrap(),
                        fabric.registryUrl(),
                        "consistent_random",
                        callId,
                        "echo",
                        "{\"greeting\":\"hello from python\"}",
                        "python"),
                120);
        if (run.exitCode() != 0) {
            throw new AssertionError("python exited " + run.exitCode() + "; "
                    + TopicTrace.of(fabric.bootstrap(), callId) + "\n" + run.output());
        }

        String[] call = run.line("CALL ").split(" ");
        assertThat(call[0]).isEqualTo(callId);
        assertThat(Integer.parseInt(call[1]))
                .as("the call sits where librdkafka put it, not where Java would have")
                .isEqualTo(crc32Partition(callId))
                .isNotEqualTo(murmur2Partition(callId));
        JsonNode result = JSON.readTree(run.line("RESULT "));
        assertThat(result.path("state").asText()).isEqualTo("FINISHED");
        assertThat(result.path("function").asText()).isEqualTo("echo");
        assertThat(JSON.readTree(result.path("output").asText())
                        .path("greeting")
                        .asText())
                .isEqualTo("hello from python");
        assertThat(result.path("executorId").asText()).isEqualTo("executor-1");
        // Written with the id of the fabric's own subject: no '<topic>-value' subject, no write to the registry.
        RegistryHttp registry = new RegistryHttp(fabric.registryUrl());
        List<String> subjects = new ArrayList<>();
        registry.get("/subjects").json().forEach(subject -> subjects.add(subject.asText()));
        assertThat(subjects).contains("dev.computefabric.avro.FuncCall").noneMatch(name -> name.endsWith("-value"));
    }

    @Test
    @Order(3)
    void boto3_stores_a_table_in_the_fabrics_s3_and_a_kafka_call_describes_it_by_hash() throws Exception {
        TestFabric fabric = TestFabric.neverCalledOverHttp();
        Run probe = run(List.of(PYTHON.toString(), "-c", "import boto3"), 30);
        assumeTrue(probe.exitCode() == 0, "skipped: boto3 is missing (apt-get install python3-boto3)");

        Run run = succeeded(run(
                List.of(
                        PYTHON.toString(),
                        SCRIPT.toString(),
                        "s3-table",
                        fabric.bootstrap(),
                        fabric.registryUrl(),
                        fabric.stack().s3Endpoint()),
                120));

        assertThat(run.line("TABLE ")).matches("[0-9a-f]{64} 34");
        JsonNode result = JSON.readTree(run.line("RESULT "));
        assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("FINISHED");
        assertThat(JSON.readTree(result.path("output").asText()).path("rows").asInt())
                .isEqualTo(3);
    }

    @Test
    @Order(4)
    void pythons_http_client_round_trips_a_call_through_the_gateway() throws Exception {
        TestFabric fabric = TestFabric.shared();
        Run run = succeeded(run(
                List.of(
                        PYTHON.toString(),
                        SCRIPT.toString(),
                        "http",
                        fabric.gatewayUrl(),
                        "echo",
                        "{\"greeting\":\"hello from python\"}",
                        "python"),
                120));

        JsonNode overHttp = JSON.readTree(run.line("HTTP "));
        assertThat(overHttp.path("state").asText()).isEqualTo("FINISHED");
        assertThat(overHttp.path("output").path("greeting").asText()).isEqualTo("hello from python");
    }

    @Test
    @Order(5)
    void pythons_http_client_runs_a_pipeline_whose_second_step_reads_the_first() throws Exception {
        TestFabric fabric = TestFabric.shared();
        Run run = succeeded(run(List.of(PYTHON.toString(), SCRIPT.toString(), "pipeline", fabric.gatewayUrl()), 120));

        JsonNode ended = JSON.readTree(run.line("PIPELINE "));
        assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("FINISHED");
        assertThat(ended.path("steps").path(1).path("output").toString()).isEqualTo("{\"text\":\"n=20\",\"twice\":20}");
    }

    private static String callIdPlacedApart() {
        while (true) {
            String callId = UUID.randomUUID().toString();
            if (crc32Partition(callId) != murmur2Partition(callId)) {
                return callId;
            }
        }
    }

    private static int crc32Partition(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PARTITIONS);
    }

    private static int murmur2Partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static Run succeeded(Run run) {
        if (run.exitCode() != 0) {
            throw new AssertionError("python exited " + run.exitCode() + ":\n" + run.output());
        }
        return run;
    }

    static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("python-interop", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        command + " did not end within " + timeoutSeconds + " s: " + Files.readString(out));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A finished process: exit code and its output, stderr included. */
    record Run(int exitCode, String output) {

        List<String> lines(String prefix) {
            return output.lines()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .toList();
        }

        String line(String prefix) {
            List<String> matches = lines(prefix);
            assertThat(matches).as("a '" + prefix + "' line in: " + output).hasSize(1);
            return matches.get(0);
        }
    }
}
