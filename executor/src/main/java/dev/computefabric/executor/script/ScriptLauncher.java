package dev.computefabric.executor.script;

import java.nio.file.Path;
import java.util.List;

/** How a script's process is started: its interpreter on this host, or a container engine. */
interface ScriptLauncher {

    /**
     * The command line that runs {@code wrapper} (a file in {@code scratch}, as the process sees it) for a call.
     *
     * @param env the {@code FABRIC_*} variables the wrapper reads, with paths as the process sees them
     */
    List<String> command(ScriptHeader header, Path scratch, Path wrapper, ScriptEnvironment env);

    /** Where the process sees the call's scratch directory: itself on this host, a mount point in a container. */
    Path scratchAsSeen(Path scratch);

    /** What to tell a caller when the process cannot be started at all. */
    String describe();
}
