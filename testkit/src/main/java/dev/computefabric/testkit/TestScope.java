package dev.computefabric.testkit;

import dev.computefabric.executor.api.FabricNode;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.Capset;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * What one test owns: a capability tag, a node in this JVM serving the test's functions under that tag, and clients
 * whose calls require it. Closed when the test ends: the node lets its running calls finish and leaves the catalog.
 */
final class TestScope implements AutoCloseable {

    /** A test's calls have ended when it ends; anything still running is abandoned quickly. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    /** Generous, like every bound here: CI is a busy 2-core machine. The gateway follows {@code fabric.functions}. */
    static final Duration CATALOG_BOUND = Duration.ofMinutes(3);

    /** How long the test's node may take to join the executor group. */
    static final Duration NODE_READY_TIMEOUT = Duration.ofMinutes(3);

    /** The injected {@code KafkaSubmitter}'s bound on a call, from produce to result. */
    static final Duration SUBMITTER_TIMEOUT = Duration.ofMinutes(2);

    private final FabricTestInfo info;
    private final FabricNode node;
    private final FabricClient client;
    private KafkaSubmitter submitter;

    private TestScope(FabricTestInfo info, FabricNode node) {
        this.info = info;
        this.node = node;
        this.client = FabricClient.connect(URI.create(info.gatewayUrl())).requiring(info.tag());
    }

    static TestScope open(SharedFabric fabric, FabricTestOptions options, String testName) {
        EmbeddedStack stack = fabric.stack();
        String tag = fabric.allocateTag(testName);
        String nodeId = "test-node-" + tag;
        // The node subscribes to the topics that exist when it starts; the gateway would create this one only with
        // the test's first call, and the node would find it a listing later.
        try (Admin admin = Admin.create(TopicProvisioner.adminConfig(stack.bootstrap()))) {
            new TopicProvisioner(new TopicProvisioner.Options(
                            stack.options().partitions(),
                            TopicProvisioner.DEFAULT_REPLICATION_FACTOR,
                            TopicProvisioner.DEFAULT_TIMEOUT))
                    .ensureCallsTopic(admin, Capset.of(tag));
        }
        FabricNode node = FabricNode.builder()
                .bootstrap(stack.bootstrap())
                .registry(stack.registryUrl())
                .s3(stack.s3Endpoint())
                .s3Bucket(stack.s3Bucket())
                .s3Credentials(stack.s3AccessKey(), stack.s3SecretKey())
                .capabilities(tag)
                .id(nodeId)
                .slots(options.slots())
                .drainTimeout(DRAIN_TIMEOUT)
                .readyTimeout(NODE_READY_TIMEOUT)
                .functions(options.functions())
                .builtins(options.builtins())
                .scripts(options.scripts().orElse(null))
                .start();
        TestScope scope = new TestScope(
                new FabricTestInfo(
                        tag,
                        nodeId,
                        fabric.gatewayUrl(),
                        stack.bootstrap(),
                        stack.registryUrl(),
                        stack.s3Endpoint(),
                        stack.s3Bucket()),
                node);
        try {
            scope.awaitGatewayKnowsNode();
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
        return scope;
    }

    FabricTestInfo info() {
        return info;
    }

    FabricClient client() {
        return client;
    }

    /** Started on first use: each one has a reply topic of its own. */
    synchronized KafkaSubmitter submitter() {
        if (submitter == null) {
            submitter = KafkaSubmitter.start(KafkaSubmitterOptions.of(info.bootstrap(), info.registryUrl())
                    .requiring(info.tag()));
        }
        return submitter;
    }

    @Override
    public synchronized void close() {
        try {
            if (submitter != null) {
                submitter.close();
            }
        } finally {
            node.close();
        }
    }

    /**
     * The gateway checks every call against its catalog: until it has read this node's, a call to a function only
     * this test serves would be refused as unknown. One function is enough, the node announces all at once.
     */
    private void awaitGatewayKnowsNode() {
        List<String> functions = node.functions();
        if (functions.isEmpty()) {
            return;
        }
        String probe = functions.get(0);
        Polling.until(
                CATALOG_BOUND,
                () -> client.function(probe)
                        .path("nodes")
                        .findValuesAsText("executorId")
                        .contains(info.nodeId()),
                () -> "the gateway at " + info.gatewayUrl() + " did not list node " + info.nodeId() + " under '" + probe
                        + "' within " + CATALOG_BOUND);
    }
}
