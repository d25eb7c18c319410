package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ShareConsumer;

/** The cluster as a share dispatcher sees it, through an {@link Admin} client it owns and closes. */
public final class AdminCluster implements ShareDispatcher.Cluster {

    /** Bounds each admin request; listing runs every few seconds and may fail, configuring fails the start. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String group;
    private final BiFunction<Integer, String, ShareConsumer<byte[], byte[]>> consumers;

    /** @param consumers a new member of {@code group} for a lane number and the capability topic it reads */
    public AdminCluster(
            Admin admin, String group, BiFunction<Integer, String, ShareConsumer<byte[], byte[]>> consumers) {
        this.admin = admin;
        this.group = group;
        this.consumers = consumers;
    }

    @Override
    public Set<String> listTopics() {
        try {
            return admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics: " + e, e);
        }
    }

    @Override
    public void prepareGroup() {
        ShareGroups.startFromEarliest(admin, group, ADMIN_TIMEOUT);
    }

    @Override
    public ShareConsumer<byte[], byte[]> consumer(int lane, String topic) {
        return consumers.apply(lane, topic);
    }

    @Override
    public void close() {
        admin.close();
    }
}
