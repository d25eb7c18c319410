package dev.computefabric.executor.script;

import java.nio.file.Path;
import java.util.List;

/** Runs a container script: its wrapper with bash inside the image its header names, the scratch directory mounted. */
record ContainerLauncher(ContainerEngine engine) implements ScriptLauncher {

    @Override
    public List<String> command(ScriptHeader header, Path scratch, Path wrapper, ScriptEnvironment env) {
        return ContainerCommand.run(
                engine,
                env.callId(),
                header.image(),
                List.of(new ContainerCommand.Mount(scratch.toString(), ContainerCommand.MOUNT, false)),
                ContainerCommand.MOUNT,
                env.variables(),
                List.of("bash", wrapper.toString()));
    }

    @Override
    public Path scratchAsSeen(Path scratch) {
        return Path.of(ContainerCommand.MOUNT);
    }

    @Override
    public String describe() {
        return engine.name();
    }
}
