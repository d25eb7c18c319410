package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Python SDK's own tests ({@code sdk/python/test_*.py}, standard {@code unittest}): its HTTP client retries a
 * submission under one Idempotency-Key as the Java SDK does. Skipped where Debian's python3 or python3-avro is
 * missing ({@code .ci/run} installs them).
 */
class PythonSdkHttpTest {

    @Test
    void thePythonSdksUnitTestsPass() throws Exception {
        assumeTrue(
                Files.isExecutable(PythonInteropIT.PYTHON),
                "skipped: " + PythonInteropIT.PYTHON + " is missing (apt-get install python3)");
        PythonInteropIT.Run probe =
                PythonInteropIT.run(List.of(PythonInteropIT.PYTHON.toString(), "-c", "import avro.schema"), 30);
        assumeTrue(probe.exitCode() == 0, "skipped: python3-avro is missing: " + probe.output());
        Path tests = PythonInteropIT.SCRIPT.getParent();

        PythonInteropIT.Run run = PythonInteropIT.run(
                List.of(
                        PythonInteropIT.PYTHON.toString(),
                        "-m",
                        "unittest",
                        "discover",
                        "--start-directory",
                        tests.toString(),
                        "--pattern",
                        "test_*.py",
                        "--verbose"),
                120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("test_a_call_refused_with_503_or_429_is_sent_again_under_the_same_key")
                .containsPattern(
                        "test_the_java_login_of_caller_properties_becomes_librdkafkas_settings .*\\.\\.\\. ok");
    }
}
