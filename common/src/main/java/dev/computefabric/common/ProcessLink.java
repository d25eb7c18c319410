package dev.computefabric.common;

import java.util.Optional;

/**
 * The contract between the launcher and the processes it starts.
 *
 * <p>A child process calls {@link #attach(String)} first thing in {@code main}: it then exits when its
 * launcher dies, even by {@code kill -9}, so no broker or component outlives the stack that started it.
 * Once it serves, it calls {@link #ready(String, String)}; the launcher waits for that line.
 */
public final class ProcessLink {

    /** System property naming the launcher's pid; set by the launcher on every child JVM. */
    public static final String PARENT_PID_PROPERTY = "fabric.parent.pid";

    /** Prefix of the line a child prints once it serves: {@code FABRIC-READY <component> <address>}. */
    public static final String READY_MARKER = "FABRIC-READY";

    private static final long WATCH_INTERVAL_MS = 500;

    private ProcessLink() {}

    /**
     * Exits this JVM (running its shutdown hooks) once the launcher named by {@link #PARENT_PID_PROPERTY}
     * is gone. Does nothing when the property is absent, e.g. when a node is started by hand.
     */
    public static void attach(String component) {
        Optional<ProcessHandle> parent = Optional.ofNullable(System.getProperty(PARENT_PID_PROPERTY))
                .map(Long::parseLong)
                .flatMap(ProcessHandle::of);
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null && parent.isEmpty()) {
            System.err.println(component + ": launcher " + parentPid + " is already gone, exiting");
            System.exit(1);
        }
        parent.ifPresent(handle -> {
            NamedThreads.start(component + "-parent-watch", () -> watch(component, handle));
        });
    }

    /** Announces that {@code component} serves at {@code address}; the launcher parses this line. */
    public static void ready(String component, String address) {
        System.out.println(READY_MARKER + " " + component + " " + address);
        System.out.flush();
    }

    private static void watch(String component, ProcessHandle parent) {
        while (parent.isAlive()) {
            try {
                Thread.sleep(WATCH_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.err.println(component + ": launcher " + parent.pid() + " exited, shutting down");
        System.exit(0);
    }
}
