package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.executor.script.ContainerSupport;
import dev.computefabric.testing.TestCalls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers really run, where an engine works and the test image exists; elsewhere the test is skipped, saying
 * why. The image is built locally (no registry here): see the skip message. The run options default to the ones
 * this kind of machine needs (FINDINGS "Containers with podman"); {@code FABRIC_TEST_CONTAINER_OPTIONS} overrides.
 */
class ContainerIT {

    static final String IMAGE = System.getenv().getOrDefault("FABRIC_TEST_IMAGE", "localhost/debian-min:bookworm");
    static final List<String> RUN_OPTIONS = Arrays.asList(System.getenv()
            .getOrDefault(
                    "FABRIC_TEST_CONTAINER_OPTIONS",
                    "--runtime=runc --ulimit=nofile=20000:20000 --ulimit=nproc=32768:32768")
            .trim()
            .split("\\s+"));
    static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path scripts;

    @BeforeAll
    static void anEngineThatWorksAndTheImage() throws Exception {
        ContainerSupport support = ContainerSupport.detect(ExecutablesOnPath.system(), RUN_OPTIONS);
        assumeTrue(support.engine().isPresent(), "skipped: " + support.whyNot());
        Process exists = new ProcessBuilder(support.engine().get().executable().toString(), "image", "exists", IMAGE)
                .redirectErrorStream(true)
                .start();
        assumeTrue(
                exists.waitFor(30, TimeUnit.SECONDS) && exists.exitValue() == 0,
                "skipped: no image " + IMAGE
                        + " (no registry to pull from here; build one: debootstrap --variant=minbase"
                        + " bookworm ROOTFS <debian mirror> && tar -C ROOTFS -c . | podman import - " + IMAGE
                        + ", or set FABRIC_TEST_IMAGE)");
    }

    @Test
    void aContainerJobReadsTheCallsTableAndWritesAnOutputTableAndAContainerScriptRunsInItsImage() throws Exception {
        Files.writeString(scripts.resolve("count.sh"), """
                #language: container
                #image: %s
                #input: dataframe sales
                #output: int rows
                rows=$(( $(wc -l < "$sales") - 1 ))
                """.formatted(IMAGE));
        try (Scenario scenario = new Scenario(DispatchMode.SHARE)) {
            String topic = scenario.topic("container", scenario.tag);
            List<String> args = new ArrayList<>(List.of("--containers", "--scripts=" + scripts));
            RUN_OPTIONS.forEach(option -> args.add("--container-option=" + option));
            scenario.executorWith(scenario.tag + "-containers", 2, args);

            FuncCall job = scenario.call("job", "container", """
                    {"image": "%s", "env": {"GREETING": "hi"},
                     "command": ["sh", "-c", "wc -l < /fabric/tables/sales.csv; echo \\"$GREETING\\" > /fabric/outputs/note.csv"]}""".formatted(IMAGE));
            job.setTables(Map.of("sales", TestCalls.inline(TableFormat.CSV, "region,amount\nnorth,1\nsouth,2\n")));
            scenario.produce(topic, job);
            FuncCall counted = scenario.call("count", "count", "{}");
            counted.setTables(Map.of("sales", TestCalls.inline(TableFormat.CSV, "region,amount\nnorth,1\nsouth,2\n")));
            scenario.produce(topic, counted);

            await().atMost(BOUND).until(() -> scenario.result("job") != null && scenario.result("count") != null);
            FuncResult ran = scenario.result("job");
            assertThat(ran.getState()).as("%s", ran.getError()).isEqualTo(CallState.FINISHED);
            assertThat(ran.getOutput()).isEqualTo("3");
            assertThat(text(ran.getTables().get("note").getData())).isEqualTo("hi\n");
            FuncResult script = scenario.result("count");
            assertThat(script.getState()).as("%s", script.getError()).isEqualTo(CallState.FINISHED);
            assertThat(script.getOutput()).isEqualTo("{\"rows\":2}");
        }
    }

    private static String text(Object data) {
        ByteBuffer bytes = ((ByteBuffer) data).duplicate();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new String(array, StandardCharsets.UTF_8);
    }
}
