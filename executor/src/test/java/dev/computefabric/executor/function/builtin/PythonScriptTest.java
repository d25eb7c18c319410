package dev.computefabric.executor.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.script.ProgressFile;
import dev.computefabric.testing.TestCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code python} runtime with the real {@code python3}: skipped where there is none. */
class PythonScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython() {
        assumeTrue(ExecutablesOnPath.system().test("python3"), "python3 is not on PATH");
    }

    @Test
    void theScriptReadsItsInputOnStdinAndItsPrintedJsonIsTheOutput() throws Exception {
        Object output = run("""
                {"code": "import json, sys\\nx = json.load(sys.stdin)\\nprint(json.dumps({'sum': sum(x['n'])}))", "input": {"n": [1, 2, 3]}}""");

        assertThat(JSON.writeValueAsString(output)).isEqualTo("{\"sum\":6}");
    }

    @Test
    void inputTablesAreFilesNamedAfterTheTable() throws Exception {
        FuncCall call = TestCalls.call(PythonScript.NAME)
                .args(
                        JSON.writeValueAsString(
                                Map.of(
                                        "code",
                                        "import os\nrows = open(os.path.join(os.environ['FABRIC_TABLES'], 'input.csv')).read().splitlines()\nprint(len(rows) - 1)")))
                .csv("input", "a,b\n1,2\n3,4\n5,6\n")
                .build();

        assertThat(JSON.writeValueAsString(new PythonScript().run(context(call))))
                .isEqualTo("3");
    }

    @Test
    void linesAppendedToTheProgressFileAreReportedWhileTheScriptRuns() throws Exception {
        String code = "import os, time\n"
                + "for i in range(1, 5):\n"
                + "    with open(os.environ['FABRIC_PROGRESS'], 'a') as p: p.write(f'{i / 4} step {i} of 4\\n')\n"
                + "    time.sleep(0.3)\n"
                + "print('done')\n";
        FuncCall call = TestCalls.call(PythonScript.NAME)
                .args(JSON.writeValueAsString(Map.of("code", code)))
                .build();
        List<String> reports = new CopyOnWriteArrayList<>();
        CallContext context = new CallContext(
                call,
                Args.parse(call.getFunction(), call.getArgs()),
                FabricTables.inlineOnly(1024),
                (fraction, message) -> reports.add(fraction + " " + message));

        new PythonScript().run(context);

        assertThat(reports)
                .isNotEmpty()
                .isSubsetOf("0.25 step 1 of 4", "0.5 step 2 of 4", "0.75 step 3 of 4", "1.0 step 4 of 4");
        assertThat(reports).as("in order, each once").doesNotHaveDuplicates().isSorted();
    }

    @Test
    void everyLineOnStderrIsALogLineOfTheCallTheLastOneEvenWithoutANewline() throws Exception {
        String code = "import sys, time\n"
                + "print('loading', file=sys.stderr, flush=True)\n"
                + "time.sleep(0.5)\n"
                + "sys.stderr.write('rows: 3\\nno newline at the end')\n"
                + "print(1)\n";
        FuncCall call = TestCalls.call(PythonScript.NAME)
                .args(JSON.writeValueAsString(Map.of("code", code)))
                .build();
        List<String> lines = new CopyOnWriteArrayList<>();
        CallContext context = new CallContext(
                call,
                Args.parse(call.getFunction(), call.getArgs()),
                FabricTables.inlineOnly(1024),
                CallContext.Progress.IGNORED,
                lines::add);

        new PythonScript().run(context);

        assertThat(lines).containsExactly("loading", "rows: 3", "no newline at the end");
    }

    @Test
    void progressLinesAreAFractionAndAnOptionalMessage() {
        assertThat(ProgressFile.parse("0.5 half way")).isEqualTo(new ProgressFile.Report(0.5, "half way"));
        assertThat(ProgressFile.parse(" 1 ")).isEqualTo(new ProgressFile.Report(1.0, null));
        assertThat(ProgressFile.parse("half way")).isNull();
        assertThat(ProgressFile.parse("NaN")).isNull();
    }

    @Test
    void textThatIsNotJsonIsReturnedAsStdout() throws Exception {
        assertThat(run("{\"code\": \"print('hello')\"}")).isEqualTo(Map.of("stdout", "hello\n"));
    }

    @Test
    void aFailingScriptFailsTheCallWithTheEndOfStderr() {
        assertThatThrownBy(() -> run("{\"code\": \"raise ValueError('bad row 7')\"}"))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageStartingWith("python: the script exited with 1: ")
                .hasMessageContaining("ValueError: bad row 7");
    }

    @Test
    void withoutCodeTheCallSaysWhatToSend() {
        assertThatThrownBy(() -> run("{}"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("python: \"code\" is required; for example");
    }

    @Test
    void aMissingInterpreterSaysWhereToRunTheCall() {
        FuncCall call = TestCalls.call(PythonScript.NAME)
                .args("{\"code\": \"print(1)\"}")
                .build();

        assertThatThrownBy(() -> new PythonScript("no-such-python-here").run(context(call)))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageContaining("\"requirements\": [\"python\"]");
    }

    @Test
    void anInterruptStopsTheScriptAndEveryProcessItStarted() throws Exception {
        Path pids = dir.resolve("pids");
        String code = "import subprocess, os, time\n"
                + "child = subprocess.Popen(['sleep', '600'])\n"
                + "open(" + JSON.writeValueAsString(pids.toString()) + ", 'w').write(f'{os.getpid()} {child.pid}')\n"
                + "time.sleep(600)\n";
        FuncCall call = TestCalls.call(PythonScript.NAME)
                .args(JSON.writeValueAsString(Map.of("code", code)))
                .build();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return new PythonScript().run(context(call));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(pids) && Files.readString(pids).contains(" "));
        List<Long> tree = List.of(Files.readString(pids).split(" ")).stream()
                .map(Long::parseLong)
                .toList();
        assertThat(tree).allSatisfy(pid -> assertThat(alive(pid)).isTrue());

        runner.get().interrupt();

        assertThatThrownBy(running::join).hasCauseInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> tree.stream().noneMatch(PythonScriptTest::alive));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Object run(String args) throws Exception {
        return new PythonScript()
                .run(context(TestCalls.call(PythonScript.NAME).args(args).build()));
    }

    private static CallContext context(FuncCall call) {
        return new CallContext(call, Args.parse(call.getFunction(), call.getArgs()), FabricTables.inlineOnly(1024));
    }
}
