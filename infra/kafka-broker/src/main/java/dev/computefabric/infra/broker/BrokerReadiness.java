package dev.computefabric.infra.broker;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.ProcessLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces readiness once the broker serves clients. Asking the broker itself beats scraping its log for
 * "Kafka Server started": the broker must list itself as a live (unfenced) node, which is exactly what
 * the topic creation that follows needs.
 */
final class BrokerReadiness {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerReadiness.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofMillis(50);

    private BrokerReadiness() {}

    static void announceWhenServing(ServerProperties properties) {
        int nodeId = properties.nodeId();
        String address = properties.clientAddress();
        Map<String, String> security = properties.clientSecurity();
        NamedThreads.start("kafka-readiness", () -> awaitAndAnnounce(nodeId, address, security));
    }

    private static void awaitAndAnnounce(int nodeId, String address, Map<String, String> security) {
        try {
            // An Admin client started before the port is bound logs a WARN per refused connection.
            awaitPortBound(address);
            try (Admin admin = Admin.create(adminConfig(address, security))) {
                while (!listsItself(admin, nodeId)) {
                    Thread.sleep(PAUSE.toMillis());
                }
            }
            ProcessLink.ready(BrokerMain.COMPONENT, address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitPortBound(String address) throws InterruptedException {
        int colon = address.lastIndexOf(':');
        InetSocketAddress target =
                new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(target, (int) ATTEMPT_TIMEOUT.toMillis());
                return;
            } catch (IOException e) {
                LOG.debug("broker port {} not bound yet: {}", address, e.toString());
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    private static Map<String, Object> adminConfig(String address, Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                address,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "fabric-broker-readiness",
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG,
                50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200));
        return config;
    }

    private static boolean listsItself(Admin admin, int nodeId) throws InterruptedException {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) ATTEMPT_TIMEOUT.toMillis());
        try {
            return admin
                    .describeCluster(options)
                    .nodes()
                    .get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .anyMatch(node -> node.id() == nodeId);
        } catch (ExecutionException | TimeoutException e) {
            // Expected while the broker starts; the launcher's own timeout bounds the wait.
            LOG.debug("broker not serving yet: {}", e.toString());
            return false;
        }
    }
}
