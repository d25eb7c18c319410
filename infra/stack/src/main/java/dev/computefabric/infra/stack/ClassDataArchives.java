package dev.computefabric.infra.stack;

import dev.computefabric.schemas.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing for child JVMs (AppCDS, Java 17's dynamic archives). The first child of a main class and
 * classpath records the classes it loads and writes them to an archive when it exits; every later one maps that
 * archive instead of loading, parsing and verifying those classes again. A gateway then starts on 4.6 instead of
 * 7.0 s of CPU on a 2-core machine (docs/benchmarks.md), and the test command starts hundreds of children.
 *
 * <p>An archive is keyed by everything it depends on: the Java runtime, the JVM options, the main class and every
 * classpath entry's path, size and modification time, so a rebuilt jar gets a new archive rather than a refused
 * one. Only an archive that a child wrote through a normal exit and that a JVM then maps with {@code -Xshare:on} is
 * installed (a truncated one crashes the JVM that maps it), by an atomic rename. A classpath with a directory in it
 * (a module's {@code target/classes}) cannot be archived on Java 17, nor can a runtime without its base archive;
 * those children start as before. Off with {@code -Dfabric.child.cds-dir=off}.
 */
final class ClassDataArchives {

    /** Where archives live; {@code off} switches sharing off. Default: {@code <java.io.tmpdir>/fabric-cds-<user>}. */
    static final String DIR_PROPERTY = "fabric.child.cds-dir";

    /** Archives kept per main class: one per classpath and option set in use at once (the test command uses up to 3). */
    static final int KEPT_PER_MAIN_CLASS = 4;

    /** A recording whose child never came back to install it (its launcher died first) is removed after this. */
    static final Duration ABANDONED_RECORDING = Duration.ofHours(1);

    /** The child's own messages about the archive (a class it cannot archive) stay out of its log. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The exit value passed on for a child that never got ready (or never launched): nothing is installed. */
    static final int NOT_READY = -1;

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ClassDataArchives.class);
    private static final Set<String> RECORDING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong RECORDINGS = new AtomicLong();

    /** What a child adds to its JVM options, and what to do with its exit value. */
    record Use(List<String> options, IntConsumer onExit) {
        static final Use NONE = new Use(List.of(), exitValue -> {});
    }

    /** Shares nothing: every child starts without an archive. */
    static final ClassDataArchives OFF = new ClassDataArchives(null);

    private final Path dir; // null for OFF

    private ClassDataArchives(Path dir) {
        this.dir = dir;
    }

    static ClassDataArchives in(Path dir) {
        return new ClassDataArchives(dir);
    }

    /** As the system properties say; {@link #OFF} when switched off or the runtime has no base archive. */
    static ClassDataArchives configured() {
        String configured = System.getProperty(DIR_PROPERTY, "").strip();
        if (configured.equals("off") || !Files.isRegularFile(baseArchive())) {
            return OFF;
        }
        return in(
                configured.isEmpty()
                        ? Path.of(System.getProperty("java.io.tmpdir"), "fabric-cds-" + System.getProperty("user.name"))
                        : Path.of(configured));
    }

    /**
     * The options for a child running {@code mainClass} from {@code classpath} with {@code jvmOptions}: map its
     * archive, or record one if none exists and no other child of this JVM records it now, or nothing.
     */
    Use forChild(String mainClass, List<Path> classpath, List<String> jvmOptions) {
        if (dir == null || classpath.stream().anyMatch(Files::isDirectory)) {
            return Use.NONE;
        }
        String key = key(mainClass, classpath, jvmOptions);
        Path archive = dir.resolve(simpleName(mainClass) + "-" + key + ".jsa");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(archive)) {
                // Its modification time says when it was last used: pruning keeps the ones in use.
                Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
                return new Use(options("-XX:SharedArchiveFile=" + archive), exitValue -> {});
            }
        } catch (IOException e) {
            log.warn("class-data archives in {} unusable, children start without: {}", dir, e.toString());
            return Use.NONE;
        }
        if (!RECORDING.add(key)) {
            return Use.NONE;
        }
        Path recording = dir.resolve(archive.getFileName() + "."
                + ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet() + ".tmp");
        return new Use(options("-XX:ArchiveClassesAtExit=" + recording), exitValue -> {
            try {
                install(recording, archive, exitValue, classpath, jvmOptions);
            } finally {
                RECORDING.remove(key);
            }
        });
    }

    private void install(Path recording, Path archive, int exitValue, List<Path> classpath, List<String> jvmOptions) {
        try {
            // Killed (SIGKILL, 137) or crashed (SIGABRT, SIGSEGV): the archive may be cut short. SIGTERM (143)
            // and SIGINT (130) run the JVM's normal exit, which writes it whole.
            boolean exitedNormally =
                    exitValue != NOT_READY && (exitValue < 128 || exitValue == 130 || exitValue == 143);
            if (exitedNormally && Files.isRegularFile(recording) && maps(recording, classpath, jvmOptions)) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                prune(archive);
            }
        } catch (IOException e) {
            log.warn("cannot install class-data archive {}: {}", archive, e.toString());
        } finally {
            deleteQuietly(recording);
        }
    }

    /** Whether a JVM with the child's memory and GC options maps the archive: {@code -Xshare:on} fails if not. */
    private static boolean maps(Path recording, List<Path> classpath, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        jvmOptions.stream().filter(option -> option.startsWith("-X")).forEach(command::add);
        command.addAll(List.of("-XX:SharedArchiveFile=" + recording, "-Xshare:on", "-Xlog:disable"));
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, strings(classpath)), "-version"));
        try {
            Process check = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!check.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Keeps the {@link #KEPT_PER_MAIN_CLASS} archives of this main class used last, and no abandoned recording. */
    private void prune(Path installed) throws IOException {
        String prefix = installed.getFileName().toString().replaceFirst("-[0-9a-f]+\\.jsa$", "-");
        Instant abandoned = Instant.now().minus(ABANDONED_RECORDING);
        List<Path> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".jsa")) {
                    archives.add(file);
                } else if (name.endsWith(".tmp") && modified(file).isBefore(abandoned)) {
                    deleteQuietly(file);
                }
            }
        }
        archives.sort(Comparator.comparing(ClassDataArchives::modified).reversed());
        archives.stream().skip(KEPT_PER_MAIN_CLASS).forEach(ClassDataArchives::deleteQuietly);
    }

    static String key(String mainClass, List<Path> classpath, List<String> jvmOptions) {
        StringBuilder text = new StringBuilder()
                .append(System.getProperty("java.home"))
                .append('\n')
                .append(System.getProperty("java.vm.version"))
                .append('\n')
                .append(mainClass)
                .append('\n')
                .append(String.join(" ", jvmOptions));
        for (Path entry : classpath) {
            try {
                text.append('\n')
                        .append(entry.toAbsolutePath())
                        .append(' ')
                        .append(Files.size(entry))
                        .append(' ')
                        .append(Files.getLastModifiedTime(entry).toMillis());
            } catch (IOException e) {
                text.append('\n').append(entry.toAbsolutePath()).append(" missing");
            }
        }
        return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static List<String> options(String archiveOption) {
        List<String> options = new ArrayList<>(QUIET);
        options.add(archiveOption);
        return List.copyOf(options);
    }

    private static String simpleName(String mainClass) {
        return mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static Path baseArchive() {
        return Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
