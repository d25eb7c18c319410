package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs recording and mapping archives of {@link TestChild}, run from jars made of this test's classpath. */
class ClassDataArchivesTest {

    static final String MAIN = TestChild.class.getName();
    static final List<String> OPTIONS = List.of("-Xmx32m", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    ClassDataArchives archives;
    List<Path> jars;

    @BeforeEach
    void jarsOnly() throws IOException {
        archives = ClassDataArchives.in(dir.resolve("archives"));
        jars = new ArrayList<>();
        for (Path entry : ChildJvmTest.testClasspath()) {
            jars.add(Files.isDirectory(entry) ? jar(entry, dir.resolve("classes-" + jars.size() + ".jar")) : entry);
        }
    }

    @Test
    void theFirstChildRecordsAnArchiveThatTheNextOneMaps() throws Exception {
        ClassDataArchives.Use first = archives.forChild(MAIN, jars, OPTIONS);
        assertThat(first.options()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));

        first.onExit().accept(run(first.options()));

        assertThat(archivesIn()).hasSize(1);
        ClassDataArchives.Use next = archives.forChild(MAIN, jars, OPTIONS);
        assertThat(next.options())
                .contains("-XX:SharedArchiveFile=" + archivesIn().get(0));
        // -Xshare:on fails the JVM if it cannot map the archive; TestChild's "exit" mode ends with 3.
        List<String> mapped = new ArrayList<>(next.options());
        mapped.add("-Xshare:on");
        assertThat(run(mapped)).isEqualTo(3);
    }

    @Test
    void aChildKilledOrCutShortWhileRecordingLeavesNoArchive() throws Exception {
        ClassDataArchives.Use killed = archives.forChild(MAIN, jars, OPTIONS);
        run(killed.options());
        killed.onExit().accept(137);

        ClassDataArchives.Use truncated = archives.forChild(MAIN, jars, OPTIONS);
        Files.writeString(recording(truncated), "half an archive");
        truncated.onExit().accept(143);

        assertThat(archivesIn()).isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("archives"))) {
            assertThat(left).as("recordings removed").isEmpty();
        }
    }

    @Test
    void oneChildRecordsAtATimeAndADirectoryOnTheClasspathMeansNoArchive() {
        ClassDataArchives.Use recording = archives.forChild(MAIN, jars, OPTIONS);

        assertThat(recording.options()).isNotEmpty();
        assertThat(archives.forChild(MAIN, jars, OPTIONS).options()).isEmpty();
        assertThat(archives.forChild(MAIN, ChildJvmTest.testClasspath(), OPTIONS)
                        .options())
                .isEmpty();
        recording.onExit().accept(137);
    }

    @Test
    void switchedOffEveryChildStartsWithoutAnArchive() {
        assertThat(ClassDataArchives.OFF.forChild(MAIN, jars, OPTIONS)).isSameAs(ClassDataArchives.Use.NONE);
        assertThat(dir.resolve("archives")).doesNotExist();
    }

    @Test
    void aRebuiltJarOrOtherOptionsGetAnArchiveOfTheirOwn() throws IOException {
        String key = ClassDataArchives.key(MAIN, jars, OPTIONS);

        assertThat(ClassDataArchives.key(MAIN, jars, List.of("-Xmx64m"))).isNotEqualTo(key);
        Files.setLastModifiedTime(jars.get(0), FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(ClassDataArchives.key(MAIN, jars, OPTIONS)).isNotEqualTo(key);
    }

    private int run(List<String> archiveOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(archiveOptions);
        command.addAll(List.of(
                "-cp", String.join(":", jars.stream().map(Path::toString).toList())));
        command.addAll(List.of(MAIN, "archived", "exit"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        return process.waitFor();
    }

    private List<Path> archivesIn() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("archives"))) {
            return files.filter(file -> file.toString().endsWith(".jsa")).toList();
        }
    }

    private static Path recording(ClassDataArchives.Use use) {
        String prefix = "-XX:ArchiveClassesAtExit=";
        return Path.of(use.options().stream()
                .filter(option -> option.startsWith(prefix))
                .findFirst()
                .orElseThrow()
                .substring(prefix.length()));
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
