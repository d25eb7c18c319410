package dev.computefabric.executor.script;

import dev.computefabric.executor.ExecutablesOnPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether this node runs containers, and with which engine: only when asked ({@code --containers}), and only an
 * engine that answers {@code <engine> info} (a docker client without a daemon does not count).
 *
 * @param engine the engine, if containers run here
 * @param whyNot why they do not, for callers and the start-up line
 */
public record ContainerSupport(Optional<ContainerEngine> engine, String whyNot) {

    /** How long {@code <engine> info} may take before the engine counts as not working. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    static final List<String> ENGINES = List.of("podman", "docker");

    public static ContainerSupport off() {
        return new ContainerSupport(
                Optional.empty(), "containers are off on this node; start it with --containers to run them");
    }

    public static ContainerSupport of(ContainerEngine engine) {
        return new ContainerSupport(Optional.of(engine), null);
    }

    /** The first of podman and docker that is on the PATH and answers {@code info}. */
    public static ContainerSupport detect(ExecutablesOnPath path, List<String> runOptions) {
        List<String> reasons = new ArrayList<>();
        for (String name : ENGINES) {
            Optional<Path> executable = path.find(name);
            if (executable.isEmpty()) {
                reasons.add(name + " is not on the PATH");
                continue;
            }
            String problem = probe(executable.get());
            if (problem == null) {
                return of(new ContainerEngine(executable.get(), runOptions));
            }
            reasons.add(name + " does not work here (" + problem + ")");
        }
        return new ContainerSupport(
                Optional.empty(), "no container engine works on this node: " + String.join("; ", reasons));
    }

    /** Null when {@code <engine> info} succeeds, else what went wrong. */
    static String probe(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "info")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "'info' did not answer within " + PROBE_TIMEOUT.toSeconds() + " s";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            int line = text.indexOf('\n');
            return "'info' exited with " + process.exitValue() + ": " + (line < 0 ? text : text.substring(0, line));
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
