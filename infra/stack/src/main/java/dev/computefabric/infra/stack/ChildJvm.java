package dev.computefabric.infra.stack;

import dev.computefabric.common.ProcessLink;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A component running in its own JVM, started by this one. It dies with us (it watches our pid, see
 * {@link ProcessLink}), writes stdout and stderr to {@code <logDir>/<name>.log}, and counts as started once
 * it prints {@code FABRIC-READY <component> <address>}.
 */
public final class ChildJvm {

    /** How long {@link #stop()} waits after SIGTERM before it kills. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(15);

    /** A killed router outlived 10 s on a machine at load 60 (the kernel reaps a large process slowly then). */
    private static final Duration KILL_WAIT = Duration.ofSeconds(60);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    /**
     * Options every child JVM gets after its own, space-separated. The test command sets
     * {@code -XX:TieredStopAtLevel=1}: its children live for seconds, and on two cores the C2 compiler's work for
     * code that never gets hot was half the CPU of a demo (docs/benchmarks.md). Never set for {@code ./fabric bench}.
     */
    public static final String EXTRA_OPTIONS_PROPERTY = "fabric.child.jvm-options";

    private static final ClassDataArchives ARCHIVES = ClassDataArchives.configured();

    private final ChildSpec spec;
    private final Process process;
    // Done once the child exited and its class-data archive, if it recorded one, is installed.
    private final CompletableFuture<Void> exited;
    private final Path logFile;
    private final LogFollower log;
    private final long launchedAt = System.nanoTime();
    private volatile String address;
    private volatile Duration readyAfter;

    private ChildJvm(ChildSpec spec, Process process, ClassDataArchives.Use archive, Path logFile, LogFollower log) {
        this.spec = spec;
        this.process = process;
        // What a child that never got ready loaded is not what a running one loads: no archive from it.
        this.exited = process.onExit()
                .thenAcceptAsync(gone ->
                        archive.onExit().accept(address == null ? ClassDataArchives.NOT_READY : gone.exitValue()));
        this.logFile = logFile;
        this.log = log;
    }

    /** Launches the child and waits until it is ready; a child that fails to get ready is killed. */
    public static ChildJvm start(ChildSpec spec, Path logDir) {
        ChildJvm child = launch(spec, logDir);
        child.awaitReady();
        return child;
    }

    /** Launches the child without waiting: launch several, then {@link #awaitReady(List)}, to start them in parallel. */
    public static ChildJvm launch(ChildSpec spec, Path logDir) {
        Path logFile = logDir.resolve(spec.name() + ".log");
        ClassDataArchives.Use archive = ARCHIVES.forChild(spec.mainClass(), spec.classpath(), jvmOptions(spec));
        List<String> command = command(spec, archive.options());
        try {
            Files.createDirectories(logDir);
            long previousRuns = LogFollower.sizeOf(logFile);
            Files.writeString(
                    logFile,
                    "=== " + Instant.now() + " starting " + spec.name() + ": " + describe(spec, archive.options())
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(spec.env());
            Process process = builder.start();
            // The child never reads stdin; closing it keeps a forgotten read from blocking forever.
            process.getOutputStream().close();
            return new ChildJvm(spec, process, archive, logFile, new LogFollower(logFile, previousRuns));
        } catch (IOException e) {
            // It recorded nothing: the next child of its kind may record instead.
            archive.onExit().accept(ClassDataArchives.NOT_READY);
            throw new ChildStartException(
                    spec.name(),
                    "cannot launch " + spec.name() + " (" + command.get(0) + "), log " + logFile + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Waits for the ready line and returns the address it names. Fails fast, with the end of the log, when
     * the child exits first; a child not ready within its timeout (counted from launch) is killed.
     */
    public String awaitReady() {
        while (true) {
            Optional<String> ready = pollReady();
            if (ready.isPresent()) {
                return ready.get();
            }
            waitForExit(POLL_INTERVAL);
        }
    }

    /**
     * Waits until every child is ready, watching all of them at once: the first to fail fails the wait at
     * once, and each one's {@link #readyAfter()} is when it got ready, not when its turn came.
     */
    public static void awaitReady(List<ChildJvm> children) {
        while (true) {
            boolean allReady = true;
            for (ChildJvm child : children) {
                allReady &= child.pollReady().isPresent();
            }
            if (allReady) {
                return;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChildStartException(
                        children.get(0).name(), "interrupted while waiting for " + children + " to get ready", e);
            }
        }
    }

    /** One look at the child's log: its address once ready, empty while it starts; throws once it cannot get ready. */
    private Optional<String> pollReady() {
        if (address != null) {
            return Optional.of(address);
        }
        // Any component name is accepted: the log file is this child's alone, and one main class may run as
        // several children (executor-1, executor-2) while announcing itself under one component name.
        Optional<String> ready =
                log.nextMatching(line -> readyAddress(line).isPresent()).flatMap(ChildJvm::readyAddress);
        if (ready.isPresent()) {
            readyAfter = Duration.ofNanos(System.nanoTime() - launchedAt);
            address = ready.get();
            return ready;
        }
        if (!process.isAlive()) {
            throw new ChildStartException(
                    spec.name(),
                    spec.name() + " exited with code " + process.exitValue() + " before it was ready; end of " + logFile
                            + ":\n" + LogFollower.tail(logFile));
        }
        if (System.nanoTime() - launchedAt > spec.readyTimeout().toNanos()) {
            kill();
            throw new ChildStartException(
                    spec.name(),
                    spec.name() + " was not ready within " + spec.readyTimeout() + " and was killed; end of " + logFile
                            + ":\n" + LogFollower.tail(logFile));
        }
        return Optional.empty();
    }

    /** What this child was started with: start it again with {@link EmbeddedStack#startChild(ChildSpec)}. */
    public ChildSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** The address from the ready line, e.g. {@code 127.0.0.1:9092} or {@code http://127.0.0.1:8081}. */
    public String address() {
        if (address == null) {
            throw new IllegalStateException(spec.name() + " has not announced readiness; call awaitReady() first");
        }
        return address;
    }

    /** How long the child took from launch to its ready line (as seen by polling its log). */
    public Duration readyAfter() {
        address();
        return readyAfter;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops gracefully (SIGTERM, so shutdown hooks run), killing the child if it outlives {@link #DEFAULT_STOP_GRACE}. */
    public void stop() {
        stop(DEFAULT_STOP_GRACE);
    }

    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            kill();
        }
        // A child that recorded a class-data archive leaves it for the next one before stop() returns: the
        // launcher may exit right after.
        try {
            exited.get(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The archive is an optimisation: the next child records another.
        }
    }

    /**
     * Sends the child {@code SIG<signal>} ({@code "STOP"}, {@code "CONT"}...). SIGSTOP freezes the JVM whole: its
     * sockets stay open but nothing answers, as when the network is cut.
     */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the child at once (SIGKILL), as a crash would: no shutdown hooks run. Returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        if (!waitForExit(KILL_WAIT)) {
            throw new IllegalStateException(
                    spec.name() + " (pid " + pid() + ") is still alive " + KILL_WAIT + " after SIGKILL");
        }
    }

    @Override
    public String toString() {
        return spec.name() + "[pid " + pid() + (address == null ? "" : ", " + address) + "]";
    }

    /** The address in a {@code FABRIC-READY <component> <address>} line, if {@code line} is one. */
    static Optional<String> readyAddress(String line) {
        String[] parts = line.trim().split(" ");
        return parts.length == 3 && parts[0].equals(ProcessLink.READY_MARKER)
                ? Optional.of(parts[2])
                : Optional.empty();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + spec.name() + " (pid " + pid() + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for " + spec.name() + " (pid " + pid() + ")", e.getCause());
        }
    }

    private static List<String> command(ChildSpec spec, List<String> archiveOptions) {
        List<String> command = new ArrayList<>();
        // A session of its own keeps the terminal's Ctrl-C away from the child: the launcher alone gets it and
        // stops children newest first, so executors drain while the broker still runs. setsid execs in place
        // (a spawned child leads no process group), so the pid we hold stays the JVM's.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(spec.commandPrefix());
        command.add(javaExecutable());
        command.addAll(jvmOptions(spec));
        command.addAll(archiveOptions);
        command.add("-D" + ProcessLink.PARENT_PID_PROPERTY + "="
                + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(String.join(
                File.pathSeparator,
                spec.classpath().stream().map(Path::toString).toList()));
        command.add(spec.mainClass());
        command.addAll(spec.args());
        return command;
    }

    private static List<String> jvmOptions(ChildSpec spec) {
        List<String> options = new ArrayList<>(spec.jvmOptions());
        options.addAll(extraOptions());
        return options;
    }

    private static List<String> extraOptions() {
        String options = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The command without its classpath, which runs to hundreds of jars: what a reader of the log needs. */
    private static String describe(ChildSpec spec, List<String> archiveOptions) {
        List<String> shown = new ArrayList<>(spec.commandPrefix());
        shown.add("java");
        shown.addAll(jvmOptions(spec));
        shown.addAll(archiveOptions);
        shown.add(spec.mainClass());
        shown.addAll(spec.args());
        return String.join(" ", shown);
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    // The JVM running us, so children run on the same Java version.
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(
                        () -> new IllegalStateException("cannot find the java executable: " + java + " is missing"));
    }
}
