package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    static final Duration CHECK = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at("2026-12-03T07:00:00Z");
    final Caller alice = new Caller("alice", Set.of("analysts"));

    @Test
    void anEditCountsOnceTheCheckIntervalPassed() throws IOException {
        Path file = write("grants:\n  - groups: [analysts]\n    functions: [echo]\n", 1);
        PolicyFile policy = new PolicyFile(file, clock, CHECK);
        assertThat(policy.current().refusal(alice, "report", Set.of())).isPresent();

        write("grants:\n  - groups: [analysts]\n    functions: [echo, report]\n", 2);
        assertThat(policy.current().refusal(alice, "report", Set.of())).isPresent();
        clock.advance(CHECK);

        assertThat(policy.current().refusal(alice, "report", Set.of())).isEmpty();
    }

    @Test
    void anEditThatDoesNotParseKeepsThePreviousPolicy() throws IOException {
        Path file = write("grants:\n  - groups: [analysts]\n    functions: [echo]\n", 1);
        PolicyFile policy = new PolicyFile(file, clock, CHECK);

        write("grants:\n  - groups: [analysts]\n    funktions: [report]\n", 2);
        clock.advance(CHECK);

        assertThat(policy.current().refusal(alice, "echo", Set.of())).isEmpty();
    }

    @Test
    void aBadFileAtStartIsRefusedNamingTheFile() throws IOException {
        Path file = write("admins: ops\n", 1);

        assertThatThrownBy(() -> new PolicyFile(file, clock, CHECK))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("admins must be a list");
    }

    /** Writes the file with a modification time {@code second}s into the epoch: edits differ even within a second. */
    private Path write(String yaml, int second) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(second)));
        return file;
    }
}
