package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client we did not write: Debian's {@code confluent_kafka.avro} (librdkafka + python3-avro) registers
 * FuncCall in our registry, produces a call to a capability topic naming its own reply topic, and decodes
 * the FuncResult the fabric sends there. Skipped, saying why, when the interpreter or packages are missing
 * ({@code .ci/run} installs them).
 */
class PythonInteropIT {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("python", "interop_roundtrip.py").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void python_clients_round_trip_a_call_through_the_fabric_over_kafka_and_http() throws Exception {
        TestFabric fabric = TestFabric.shared();
        Run run = run(
                List.of(
                        PYTHON.toString(),
                        SCRIPT.toString(),
                        fabric.bootstrap(),
                        fabric.registryUrl(),
                        fabric.gatewayUrl(),
                        "echo",
                        "{\"greeting\":\"hello from python\"}",
                        "python"),
                120);

        if (run.exitCode() != 0) {
            String trace = run.output()
                    .lines()
                    .filter(l -> l.startsWith("CALL "))
                    .findFirst()
                    .map(l -> TopicTrace.of(fabric.bootstrap(), l.split(" ")[1]))
                    .orElse("(the call was not produced)");
            throw new AssertionError("python exited " + run.exitCode() + "; " + trace + "\n" + run.output());
        }
        JsonNode result = JSON.readTree(run.line("RESULT "));
        assertThat(result.path("state").asText()).isEqualTo("FINISHED");
        assertThat(result.path("function").asText()).isEqualTo("echo");
        assertThat(JSON.readTree(result.path("output").asText())
                        .path("greeting")
                        .asText())
                .isEqualTo("hello from python");
        assertThat(result.path("executorId").asText()).isEqualTo("executor-1");
        JsonNode overHttp = JSON.readTree(run.line("HTTP "));
        assertThat(overHttp.path("state").asText()).isEqualTo("FINISHED");
        assertThat(overHttp.path("output").path("greeting").asText()).isEqualTo("hello from python");
        // The MessageSerializer registered FuncCall under the topic's subject; its id resolves to the fabric's
        // FuncCall.
        RegistryHttp registry = new RegistryHttp(fabric.registryUrl());
        JsonNode subjects = registry.get("/subjects").json();
        assertThat(subjects.toString()).contains("fabric.calls.python-value");
        int id = registry.get("/subjects/fabric.calls.python-value/versions/latest")
                .id();
        assertThat(registry.get("/schemas/ids/" + id).json().path("schema").asText())
                .contains("dev.computefabric.avro", "FuncCall");
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

        String line(String prefix) {
            List<String> matches = new ArrayList<>();
            output.lines().filter(l -> l.startsWith(prefix)).forEach(l -> matches.add(l.substring(prefix.length())));
            assertThat(matches).as("a '" + prefix + "' line in: " + output).hasSize(1);
            return matches.get(0);
        }
    }
}
