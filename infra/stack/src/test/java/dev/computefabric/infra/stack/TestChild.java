package dev.computefabric.infra.stack;

import dev.computefabric.common.ComponentMain;
import dev.computefabric.common.ProcessLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for the launcher's tests:
 * {@code TestChild <name> ready|exit|error|silent|stubborn|launcher <logDir>|listen <port>}.
 */
public final class TestChild {

    static final String ENV = "TEST_CHILD_ENV";

    private TestChild() {}

    public static void main(String[] args) throws IOException {
        String name = args[0];
        ProcessLink.attach(name);
        System.out.println(name + " starting");
        switch (args[1]) {
            case "ready" -> announce(name);
            case "exit" -> {
                System.out.println(name + " cannot start: port taken");
                System.exit(3);
            }
            case "silent" -> System.out.println(name + " will never be ready");
            case "stubborn" -> {
                // A shutdown hook that never ends: SIGTERM alone cannot stop this JVM.
                Runtime.getRuntime().addShutdownHook(new Thread(TestChild::blockForever));
                announce(name);
            }
            case "launcher" -> {
                // A launcher of its own: starts a grandchild and announces the grandchild's pid.
                ChildJvm grandchild = ChildJvm.start(
                        ChildSpec.builder(name + "-child", TestChild.class.getName(), ChildJvmTest.testClasspath())
                                .args(name + "-child", "ready")
                                .jvmOptions("-Xmx32m")
                                .build(),
                        java.nio.file.Path.of(args[2]));
                ProcessLink.ready(name, Long.toString(grandchild.pid()));
            }
            case "error" ->
                ComponentMain.run(name, () -> {
                    // A worker that would keep the JVM alive, then an Error out of the command line.
                    Thread worker = new Thread(TestChild::blockForever, name + "-worker");
                    worker.start();
                    throw new StackOverflowError("deep enough");
                });
            case "listen" -> {
                // A server told its port: dies with "Address already in use" when someone else has it.
                ServerSocket socket = new ServerSocket(Integer.parseInt(args[2]), 1, InetAddress.getLoopbackAddress());
                ProcessLink.ready(name, "127.0.0.1:" + socket.getLocalPort());
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[1]);
        }
        blockForever();
    }

    /** The address reports what the child saw of its launcher, so tests can check what it was given. */
    private static void announce(String name) {
        ProcessLink.ready(
                name, "parent=" + System.getProperty(ProcessLink.PARENT_PID_PROPERTY) + ",env=" + System.getenv(ENV));
    }

    private static void blockForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
