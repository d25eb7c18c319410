package dev.computefabric.gateway.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs the console's browser scenarios ({@code console/e2e/console.e2e.mjs}) with node: playwright-core driving
 * Debian's chromium. Knows what they need and says which piece is missing, so that the tests can skip with a reason
 * on a machine without a browser. Every scenario runs in a fresh context of one browser, started with the first
 * scenario and stopped by {@link #close()}: launching one per scenario took 1.5 to 2.5 s and a second of CPU each.
 */
final class BrowserScenarios implements AutoCloseable {

    static final Path SCRIPT =
            Path.of("..", "console", "e2e", "console.e2e.mjs").toAbsolutePath().normalize();
    static final Path PLAYWRIGHT = Path.of("..", "console", "node_modules", "playwright-core")
            .toAbsolutePath()
            .normalize();
    static final String CHROMIUM =
            Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
    /** Bound of one scenario, browser start included; generous for a busy 2-core machine. */
    static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(4);

    /** What ran: the exit code and every line printed. */
    record Run(int exitCode, List<String> lines) {

        String output() {
            return String.join("\n", lines);
        }
    }

    /** Bound of the served browser's start. */
    static final Duration BROWSER_START_TIMEOUT = Duration.ofMinutes(1);

    private final Map<String, String> environment;
    private Process browser;
    private String browserEndpoint;

    BrowserScenarios(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Why the scenarios cannot run here, or empty when they can. */
    static Optional<String> missing() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            return Optional.of(
                    "no Chromium at " + CHROMIUM + " (Debian package chromium; .ci/run installs it, or set CHROMIUM)");
        }
        if (!Files.isDirectory(PLAYWRIGHT)) {
            return Optional.of("no playwright-core in " + PLAYWRIGHT.getParent()
                    + " (the console module's npm ci installs it;" + " was it built with -Dconsole.skip?)");
        }
        try {
            Process node = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return Optional.of("node --version failed");
            }
        } catch (IOException e) {
            return Optional.of("no node on PATH: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return Optional.empty();
    }

    Run run(String... args) {
        return run(
                request -> {
                    throw new IllegalStateException(
                            "the scenario asked for '" + request + "', which this test does not answer");
                },
                args);
    }

    /**
     * Runs one scenario; a line {@code @@<request>} it prints is answered with {@code answers.apply(request)} on its
     * stdin. Fails the test if it does not end within {@link #SCENARIO_TIMEOUT}.
     */
    Run run(Function<String, String> answers, String... args) {
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("CHROMIUM", CHROMIUM);
        builder.environment().put("BROWSER_WS", browserEndpoint());
        List<String> lines = new ArrayList<>();
        try {
            Process process = builder.start();
            Thread reader = new Thread(() -> converse(process, answers, lines), "browser-scenario");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(SCENARIO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("scenario " + String.join(" ", args) + " did not end within "
                        + SCENARIO_TIMEOUT + ":\n" + String.join("\n", snapshot(lines)));
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return new Run(process.exitValue(), snapshot(lines));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The endpoint of the browser every scenario connects to; starts it on first use. */
    private synchronized String browserEndpoint() {
        if (browser != null) {
            return browserEndpoint;
        }
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString(), "serve").redirectErrorStream(true);
        builder.environment().put("CHROMIUM", CHROMIUM);
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        try {
            browser = builder.start();
            Thread reader = new Thread(() -> readServed(browser, endpoint, lines), "browser-served");
            reader.setDaemon(true);
            reader.start();
            browserEndpoint = endpoint.get(BROWSER_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return browserEndpoint;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "the browser did not start within " + BROWSER_START_TIMEOUT + ": " + e + "\n"
                            + String.join("\n", snapshot(lines)),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void readServed(Process browser, CompletableFuture<String> endpoint, List<String> lines) {
        try {
            follow(browser, "[browser server]", lines, line -> {
                if (line.startsWith("BROWSER ")) {
                    endpoint.complete(line.substring("BROWSER ".length()).strip());
                }
            });
        } catch (IOException e) {
            endpoint.completeExceptionally(e);
        }
        endpoint.completeExceptionally(new IllegalStateException("the browser server exited"));
    }

    /** Stops the served browser: closing its stdin lets it close chromium. */
    @Override
    public synchronized void close() {
        if (browser == null) {
            return;
        }
        try {
            browser.getOutputStream().close();
            if (!browser.waitFor(30, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        } catch (IOException e) {
            browser.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            browser.destroyForcibly();
        }
    }

    private static void converse(Process process, Function<String, String> answers, List<String> lines) {
        try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            follow(process, "[browser]", lines, line -> {
                if (line.startsWith("@@")) {
                    in.write(answers.apply(line.substring(2)) + "\n");
                    in.flush();
                }
            });
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("(reading the scenario's output failed: " + e + ")");
            }
        }
    }

    /** Reads {@code process}'s output to its end: each line kept in {@code lines}, printed after {@code label}, handled. */
    private static void follow(Process process, String label, List<String> lines, LineHandler handler)
            throws IOException {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                System.out.println(label + " " + line);
                handler.handle(line);
            }
        }
    }

    private interface LineHandler {
        void handle(String line) throws IOException;
    }

    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
