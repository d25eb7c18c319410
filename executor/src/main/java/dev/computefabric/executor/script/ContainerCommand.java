package dev.computefabric.executor.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code run} command line for one call's container: removed when it ends, named after the call, no network
 * unless the engine's options say otherwise, the call's scratch directory mounted, the working directory and
 * environment set. Pure, so it is tested for every engine on any machine.
 */
public final class ContainerCommand {

    /** Where a call's scratch directory appears inside the container. */
    public static final String MOUNT = "/fabric";
    /** Containers get no network unless the node's run options give them one ({@code --network host}). */
    public static final String DEFAULT_NETWORK = "none";

    private ContainerCommand() {}

    /** A directory of the host seen inside the container. */
    public record Mount(String host, String container, boolean readOnly) {}

    /**
     * @param callId  names the container {@code fabric-<callId>}, so an operator can find (and stop) it
     * @param command what runs inside; empty means the image's own entry point
     */
    public static List<String> run(
            ContainerEngine engine,
            String callId,
            String image,
            List<Mount> mounts,
            String workdir,
            Map<String, String> env,
            List<String> command) {
        List<String> line = new ArrayList<>(List.of(
                engine.executable().toString(),
                "run",
                "--rm",
                "--name",
                containerName(callId),
                "--network",
                DEFAULT_NETWORK));
        for (Mount mount : mounts) {
            line.add("-v");
            line.add(mount.host() + ":" + mount.container() + (mount.readOnly() ? ":ro" : ""));
        }
        if (workdir != null) {
            line.add("-w");
            line.add(workdir);
        }
        env.forEach((name, value) -> {
            line.add("-e");
            line.add(name + "=" + value);
        });
        line.addAll(engine.runOptions());
        line.add(image);
        line.addAll(command);
        return line;
    }

    /** {@code fabric-<callId>}, cut to characters every engine accepts in a name. */
    static String containerName(String callId) {
        String safe = callId.replaceAll("[^A-Za-z0-9_.-]", "-");
        return "fabric-" + (safe.length() > 100 ? safe.substring(0, 100) : safe);
    }
}
