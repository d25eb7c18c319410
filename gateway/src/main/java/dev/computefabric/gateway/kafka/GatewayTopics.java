package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.Priority;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.gateway.calls.CallTopics;
import dev.computefabric.gateway.calls.FabricUnavailableException;
import dev.computefabric.gateway.calls.Failures;
import dev.computefabric.gateway.calls.GatewayException;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.kafka.TopicProvisioningException;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;

/**
 * The topics the gateway writes to or reads from: its reply topic, created at start, and each capability
 * topic, created by the first call that needs it ({@link TopicProvisioner} does both and waits until they
 * serve). Capability topics are provisioned off the request threads; known ones are cached, a failed
 * creation is not, so the next call tries again.
 */
public final class GatewayTopics implements CallTopics, AutoCloseable {

    private final Admin admin;
    private final TopicProvisioner provisioner = new TopicProvisioner();
    // One thread: creations are rare, and serialising them keeps two calls from creating the same topic at once.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(NamedThreads.numbered("gateway-topics"));
    private final Map<String, CompletableFuture<String>> callTopics = new ConcurrentHashMap<>();

    public GatewayTopics(Admin admin) {
        this.admin = admin;
    }

    /** Creates this gateway's reply topic unless it exists, and returns once it is usable. Blocks. */
    public void ensureReplyTopic(String topic) {
        try {
            provisioner.ensureReplyTopic(admin, topic);
        } catch (TopicProvisioningException e) {
            throw unavailable("create reply topic " + topic, e);
        }
    }

    @Override
    public CompletableFuture<String> topicFor(Capset capset, Priority priority) {
        String topic = Topics.calls(capset, priority);
        CompletableFuture<String> ready = callTopics.get(topic);
        if (ready != null) {
            return ready;
        }
        ready = callTopics.computeIfAbsent(
                topic, t -> CompletableFuture.supplyAsync(() -> provision(capset, priority), worker));
        CompletableFuture<String> created = ready;
        // Registered outside computeIfAbsent: the future may already be done, and this callback mutates the map.
        created.whenComplete((name, failure) -> {
            if (failure != null) {
                callTopics.remove(topic, created);
            }
        });
        return created;
    }

    private String provision(Capset capset, Priority priority) {
        try {
            return provisioner.ensureCallsTopic(admin, capset, priority);
        } catch (TopicProvisioningException e) {
            throw unavailable("create capability topic " + Topics.calls(capset, priority), e);
        }
    }

    /** Kafka's own failure decides refused or unavailable; a topic that cannot be made right is unavailable, with why. */
    private static GatewayException unavailable(String action, TopicProvisioningException e) {
        return e.getCause() != null
                ? Failures.of(action, e.getCause())
                : new FabricUnavailableException(e.getMessage(), e);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
