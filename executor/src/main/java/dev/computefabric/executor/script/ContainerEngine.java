package dev.computefabric.executor.script;

import java.nio.file.Path;
import java.util.List;

/**
 * A container engine that works on this node: {@code podman} or {@code docker}, with the options every
 * {@code run} gets on this host (e.g. {@code --runtime runc --ulimit nofile=20000:20000} where the defaults fail).
 *
 * @param executable the engine's executable
 * @param runOptions options added to every {@code run}, after the fabric's own (so they may override them)
 */
public record ContainerEngine(Path executable, List<String> runOptions) {

    public ContainerEngine {
        if (executable == null) {
            throw new IllegalArgumentException("the container engine's executable is required");
        }
        runOptions = List.copyOf(runOptions);
    }

    /** {@code podman} or {@code docker}: the executable's name, for messages. */
    public String name() {
        return executable.getFileName().toString();
    }
}
