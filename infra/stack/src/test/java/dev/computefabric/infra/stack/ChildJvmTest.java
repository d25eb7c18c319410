package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path logDir;

    private ChildJvm child;

    @AfterEach
    void killLeftovers() {
        if (child != null && child.isAlive()) {
            child.kill();
        }
    }

    @Test
    void aReadyChildReportsItsAddressAndKnowsItsLaunchersPid() throws Exception {
        child = ChildJvm.start(
                spec("alpha", "ready").env(Map.of(TestChild.ENV, "hello")).build(), logDir);

        assertThat(child.address())
                .isEqualTo("parent=" + ProcessHandle.current().pid() + ",env=hello");
        assertThat(child.isAlive()).isTrue();
        assertThat(ProcessHandle.of(child.pid())).isPresent();
        assertThat(Files.readString(logDir.resolve("alpha.log"))).contains("alpha starting", "TestChild alpha ready");
    }

    @Test
    void aChildMayAnnounceItselfUnderItsComponentNameRatherThanItsOwn() {
        child = ChildJvm.start(
                ChildSpec.builder("alpha-2", TestChild.class.getName(), testClasspath())
                        .args("alpha", "ready")
                        .build(),
                logDir);

        assertThat(child.address()).startsWith("parent=");
        assertThat(logDir.resolve("alpha-2.log")).exists();
    }

    @Test
    void onlyAWholeReadyLineCounts() {
        assertThat(ChildJvm.readyAddress("FABRIC-READY kafka 127.0.0.1:9092")).contains("127.0.0.1:9092");
        assertThat(ChildJvm.readyAddress("FABRIC-READY kafka")).isEmpty();
        assertThat(ChildJvm.readyAddress("INFO FABRIC-READY kafka 127.0.0.1:9092"))
                .isEmpty();
    }

    @Test
    void aChildBehindACommandPrefixIsStillTheJvmThatIsWatchedAndStopped() {
        // env execs its argument in place, as ip netns exec does: what it sets reaches the JVM, and the pid is the
        // JVM's.
        child = ChildJvm.start(
                spec("alpha", "ready")
                        .commandPrefix(List.of("/usr/bin/env", TestChild.ENV + "=behind-prefix"))
                        .build(),
                logDir);

        assertThat(child.address()).endsWith(",env=behind-prefix");
        assertThat(ProcessHandle.of(child.pid()).flatMap(handle -> handle.info().command()))
                .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));

        child.stop();

        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void stopEndsTheChild() {
        child = ChildJvm.start(spec("alpha", "ready").build(), logDir);

        child.stop();

        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aChildThatExitsEarlyFailsFastWithTheEndOfItsLog() {
        long began = System.nanoTime();

        assertThatThrownBy(() -> ChildJvm.start(spec("broken", "exit").build(), logDir))
                .isInstanceOf(ChildStartException.class)
                .hasMessageContaining("broken exited with code 3 before it was ready")
                .hasMessageContaining("cannot start: port taken");
        assertThat(Duration.ofNanos(System.nanoTime() - began))
                .isLessThan(ChildSpec.DEFAULT_READY_TIMEOUT.dividedBy(2));
    }

    @Test
    void aComponentWhoseMainEndsWithAnErrorExitsThoughOtherThreadsRun() {
        // Without ComponentMain the worker thread would keep the JVM up, never ready: killed at the timeout.
        assertThatThrownBy(() -> ChildJvm.start(
                        spec("failing", "error")
                                .readyTimeout(Duration.ofSeconds(60))
                                .build(),
                        logDir))
                .isInstanceOf(ChildStartException.class)
                .hasMessageContaining("failing exited with code 1 before it was ready")
                .hasMessageContaining("failing: stopping after java.lang.StackOverflowError: deep enough");
    }

    @Test
    void aChildThatNeverGetsReadyIsKilledAtTheTimeout() {
        child = ChildJvm.launch(
                spec("mute", "silent").readyTimeout(Duration.ofSeconds(2)).build(), logDir);

        assertThatThrownBy(child::awaitReady)
                .isInstanceOf(ChildStartException.class)
                .hasMessageContaining("was not ready within PT2S")
                .hasMessageContaining("will never be ready");
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void stopKillsAChildThatOutlivesTheGracePeriod() {
        child = ChildJvm.start(spec("stubborn", "stubborn").build(), logDir);

        child.stop(Duration.ofMillis(500));

        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void killEndsTheChildWithoutGrace() {
        child = ChildJvm.start(spec("alpha", "ready").build(), logDir);

        child.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void childrenDieWithALauncherKilledWithoutWarning() {
        child = ChildJvm.start(
                spec("launcher", "launcher").args(logDir.toString()).build(), logDir);
        long grandchild = Long.parseLong(child.address());
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);

        child.kill();

        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> ProcessHandle.of(grandchild)
                                .map(ProcessHandle::isAlive)
                                .orElse(false),
                        alive -> !alive);
    }

    @Test
    void aRestartedChildIsNotFooledByTheReadyLineOfItsPreviousRun() {
        ChildJvm.start(spec("alpha", "ready").build(), logDir).stop();

        child = ChildJvm.launch(
                spec("alpha", "silent").readyTimeout(Duration.ofSeconds(1)).build(), logDir);

        assertThatThrownBy(child::awaitReady).isInstanceOf(ChildStartException.class);
    }

    /** Runs {@link TestChild} from this test's own classpath. */
    private static ChildSpec.Builder spec(String name, String mode) {
        return ChildSpec.builder(name, TestChild.class.getName(), testClasspath())
                .args(name, mode)
                .jvmOptions("-Xmx32m");
    }

    static List<Path> testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .toList();
    }
}
