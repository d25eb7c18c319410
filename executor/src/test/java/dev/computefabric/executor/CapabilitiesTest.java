package dev.computefabric.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.Capset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilitiesTest {

    @Test
    void declaredCapabilitiesAreKeptNormalized() {
        Capset capabilities = Capabilities.detect(List.of(" GPU ", "fpga"), executable -> false);

        assertThat(capabilities).isEqualTo(Capset.of("fpga", "gpu"));
    }

    @Test
    void runtimesOnThePathAddTheirLanguage() {
        Set<String> installed = Set.of("python3", "Rscript", "julia");

        assertThat(Capabilities.detect(List.of("gpu"), installed::contains))
                .isEqualTo(Capset.of("gpu", "python", "r", "julia"));
    }

    @Test
    void aNodeWithNothingDeclaredOrInstalledServesOnlyAny() {
        assertThat(Capabilities.detect(List.of(), executable -> false).name()).isEqualTo("any");
    }

    @Test
    void declaringARuntimeThatIsAlsoDetectedCountsItOnce() {
        assertThat(Capabilities.detect(List.of("python"), "python3"::equals)).isEqualTo(Capset.of("python"));
    }

    @Test
    void anExecutableCountsOnlyWhenItIsAnExecutableFileInAPathDirectory(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        executable(bin.resolve("python3"));
        Files.writeString(bin.resolve("Rscript"), "not executable");
        Files.createDirectory(bin.resolve("julia"));

        ExecutablesOnPath path = ExecutablesOnPath.of(dir.resolve("missing") + ":" + bin + "::");

        assertThat(path.test("python3")).isTrue();
        assertThat(path.test("Rscript")).isFalse();
        assertThat(path.test("julia")).isFalse();
        assertThat(Capabilities.detect(List.of(), path)).isEqualTo(Capset.of("python"));
    }

    @Test
    void anEmptyPathFindsNothing() {
        assertThat(ExecutablesOnPath.of(null).test("python3")).isFalse();
        assertThat(ExecutablesOnPath.of("").directories()).isEmpty();
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
