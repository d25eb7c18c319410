package dev.computefabric.spring;

import dev.computefabric.executor.api.FabricNode;
import dev.computefabric.executor.api.FabricNodeBuilder;
import dev.computefabric.executor.function.FabricFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the node once every bean exists (the last phase, so functions may use any bean) and stops it first on
 * shutdown: the node drains its running calls while the beans they use are still there.
 */
public final class FabricNodeLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FabricNodeLifecycle.class);

    private final FabricNodeProperties properties;
    private final Supplier<List<FabricFunction>> functions;
    private volatile FabricNode node;

    /**
     * @param functions every function to serve: the {@code FabricFunction} beans and the {@code @FabricFunction}
     *                  methods, asked for at start
     */
    FabricNodeLifecycle(FabricNodeProperties properties, Supplier<List<FabricFunction>> functions) {
        this.properties = properties;
        this.functions = functions;
    }

    @Override
    public void start() {
        List<FabricFunction> served = functions.get();
        if (served.isEmpty() && !properties.builtins()) {
            log.warn("no @FabricFunction methods or FabricFunction beans in this application: the node offers nothing");
        }
        FabricNodeBuilder builder = FabricNode.builder()
                .bootstrap(properties.bootstrap())
                .registry(properties.registry())
                .capabilities(properties.capabilities())
                .slots(properties.slots())
                .builtins(properties.builtins())
                .drainTimeout(properties.drainTimeout())
                .readyTimeout(properties.readyTimeout())
                .functions(served);
        FabricNodeProperties.S3 s3 = properties.s3();
        if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
            builder.s3(s3.endpoint());
            if (s3.bucket() != null) {
                builder.s3Bucket(s3.bucket());
            }
            if (s3.accessKey() != null && s3.secretKey() != null) {
                builder.s3Credentials(s3.accessKey(), s3.secretKey());
            }
            if (s3.region() != null) {
                builder.s3Region(s3.region());
            }
        }
        if (properties.id() != null && !properties.id().isBlank()) {
            builder.id(properties.id());
        }
        warnAboutMissingCapabilities(served);
        node = builder.start();
        log.info(
                "fabric node {} serving {} with capabilities {} and {} slots",
                node.id(),
                node.functions(),
                node.capabilities(),
                properties.slots());
    }

    /** A function that needs a tag this node lacks is announced, but its calls go to a topic this node does not read. */
    private void warnAboutMissingCapabilities(List<FabricFunction> served) {
        for (FabricFunction function : served) {
            List<String> missing = function.spec().getCapabilities().stream()
                    .filter(tag -> !properties.capabilities().contains(tag))
                    .toList();
            if (!missing.isEmpty()) {
                log.warn(
                        "function {} needs capabilities {} that this node does not have (fabric.capabilities: {}):"
                                + " its calls go to a topic only nodes with them read",
                        function.name(),
                        missing,
                        properties.capabilities());
            }
        }
    }

    @Override
    public void stop() {
        FabricNode running = node;
        if (running != null) {
            running.close();
            node = null;
        }
    }

    @Override
    public boolean isRunning() {
        return node != null;
    }

    /** The node, while it runs. */
    public Optional<FabricNode> node() {
        return Optional.ofNullable(node);
    }

    /** Every function to serve, beans first, in the order Spring gives them. */
    static List<FabricFunction> all(List<FabricFunction> beans, List<? extends FabricFunction> methods) {
        List<FabricFunction> all = new ArrayList<>(beans);
        all.addAll(methods);
        return all;
    }
}
