package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.testing.TestCalls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines containers run with, for either engine, on any machine. */
class ContainerCommandTest {

    private final ContainerEngine podman = new ContainerEngine(
            Path.of("/usr/bin/podman"), List.of("--runtime", "runc", "--ulimit", "nofile=20000:20000"));

    @Test
    void aContainerJobGetsItsTablesReadOnlyItsOutputsWritableNoNetworkAndTheNodesOptionsLast() {
        ContainerFunction function = new ContainerFunction(podman);
        ContainerFunction.Job job = ContainerFunction.job(
                context("{\"image\": \"localhost/tools:1\", \"command\": [\"wc\", \"-l\", \"/fabric/tables/data.csv\"],"
                        + " \"env\": {\"MODE\": \"fast\"}}"));

        List<String> line = function.commandLine("call/7", job, Path.of("/tmp/s"));

        assertThat(line)
                .containsExactly(
                        "/usr/bin/podman",
                        "run",
                        "--rm",
                        "--name",
                        "fabric-call-7",
                        "--network",
                        "none",
                        "-v",
                        "/tmp/s/tables:/fabric/tables:ro",
                        "-v",
                        "/tmp/s/outputs:/fabric/outputs",
                        "-v",
                        "/tmp/s/progress:/fabric/progress",
                        "-e",
                        "MODE=fast",
                        "-e",
                        "FABRIC_CALL_ID=call/7",
                        "-e",
                        "FABRIC_TABLES=/fabric/tables",
                        "-e",
                        "FABRIC_OUTPUTS=/fabric/outputs",
                        "-e",
                        "FABRIC_PROGRESS=/fabric/progress",
                        "--runtime",
                        "runc",
                        "--ulimit",
                        "nofile=20000:20000",
                        "localhost/tools:1",
                        "wc",
                        "-l",
                        "/fabric/tables/data.csv");
    }

    @Test
    void aCommandGivenAsTextRunsThroughShAndDockerWorksTheSameWay() {
        ContainerEngine docker = new ContainerEngine(Path.of("/usr/bin/docker"), List.of());
        ContainerFunction.Job job = ContainerFunction.job(context("{\"image\": \"alpine\", \"command\": \"echo hi\"}"));

        List<String> line = new ContainerFunction(docker).commandLine("c1", job, Path.of("/tmp/s"));

        assertThat(line).startsWith("/usr/bin/docker", "run", "--rm").endsWith("alpine", "sh", "-c", "echo hi");
    }

    @Test
    void aContainerScriptRunsItsWrapperWithBashInItsImageWithTheScratchDirectoryMounted() {
        ScriptHeader header = ScriptHeaders.parse(
                        "job.sh", "#language: container\n#image: localhost/debian-min:bookworm\n")
                .orElseThrow();
        ScriptEnvironment env = new ScriptEnvironment("c2", Path.of(ContainerCommand.MOUNT), "job.sh");

        List<String> line = new ContainerLauncher(podman)
                .command(header, Path.of("/tmp/s"), Path.of("/fabric/fabric_main.sh"), env);

        assertThat(line).containsSequence("-v", "/tmp/s:/fabric", "-w", "/fabric");
        assertThat(line).contains("FABRIC_SCRIPT=/fabric/job.sh", "FABRIC_INPUTS=/fabric/inputs");
        assertThat(line).endsWith("localhost/debian-min:bookworm", "bash", "/fabric/fabric_main.sh");
    }

    @Test
    void aJobWithoutAnImageOrWithAWrongCommandOrEnvIsBadArguments() {
        assertThatThrownBy(() -> ContainerFunction.job(context("{\"command\": \"ls\"}")))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("container: \"image\" is required");
        assertThatThrownBy(() -> ContainerFunction.job(context("{\"image\": \"a\", \"command\": [1]}")))
                .hasMessageContaining("must be a string or an array of strings");
        assertThatThrownBy(() -> ContainerFunction.job(context("{\"image\": \"a\", \"env\": {\"FABRIC_X\": \"1\"}}")))
                .hasMessageContaining("not a variable name a job may set");
    }

    @Test
    void containerNamesKeepToCharactersEveryEngineAccepts() {
        assertThat(ContainerCommand.containerName("a b/c:d")).isEqualTo("fabric-a-b-c-d");
    }

    @Test
    void whenContainersAreOffOrNoEngineWorksTheReasonSaysWhatToDo() {
        assertThat(ContainerSupport.off().whyNot()).contains("--containers");
        ContainerSupport none = ContainerSupport.detect(dev.computefabric.executor.ExecutablesOnPath.of(""), List.of());
        assertThat(none.engine()).isEmpty();
        assertThat(none.whyNot()).contains("podman is not on the PATH").contains("docker is not on the PATH");
    }

    private static CallContext context(String args) {
        FuncCall call = TestCalls.call(ContainerFunction.NAME).args(args).build();
        return new CallContext(call, Args.parse(call.getFunction(), args), FabricTables.inlineOnly(64));
    }
}
