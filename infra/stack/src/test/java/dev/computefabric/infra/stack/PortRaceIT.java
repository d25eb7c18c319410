package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port found free can be bound by another process before the broker binds it (CI saw "Address already in use" on
 * a controller port): the stack then starts the broker (or any server told its port) again on other ports instead
 * of failing the run.
 */
class PortRaceIT {

    @TempDir
    Path dataDir;

    @Test
    void aBrokerPortTakenBetweenPickAndBindIsPickedAgain() throws Exception {
        AtomicInteger picks = new AtomicInteger();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedStack stack = EmbeddedStack.builder()
                    .dataDir(dataDir)
                    .freePorts(count -> {
                        List<Integer> ports = new ArrayList<>(Ports.free(count));
                        if (picks.getAndIncrement() == 0) {
                            // The controller's port, as another process got it first.
                            ports.set(count - 1, taken.getLocalPort());
                        }
                        return ports;
                    })
                    .build();
            try (EmbeddedStack started = stack.start()) {
                assertThat(picks).as("ports picked").hasValue(2);
                assertThat(StackClients.registry(started, "GET", "/subjects", null)
                                .statusCode())
                        .isEqualTo(200);
            }
        }
    }

    /** CI saw a gateway die with "Port 44077 was already in use": a server told its port gets another one. */
    @Test
    void aServerPortTakenBetweenPickAndBindIsPickedAgain() throws Exception {
        AtomicInteger serverPicks = new AtomicInteger();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedStack stack = EmbeddedStack.builder()
                    .dataDir(dataDir)
                    .freePorts(count -> count == 1 && serverPicks.getAndIncrement() == 0
                            ? List.of(taken.getLocalPort())
                            : Ports.free(count))
                    .build();
            try (EmbeddedStack started = stack.start()) {
                ChildJvm server = started.startChildOnFreePort(
                        port -> ChildSpec.builder("server", TestChild.class.getName(), ChildJvmTest.testClasspath())
                                .args("server", "listen", Integer.toString(port))
                                .jvmOptions("-Xmx32m")
                                .build());

                assertThat(serverPicks).as("ports picked for the server").hasValue(2);
                assertThat(server.isAlive()).isTrue();
                assertThat(server.address()).isNotEqualTo("127.0.0.1:" + taken.getLocalPort());
            }
        }
    }
}
