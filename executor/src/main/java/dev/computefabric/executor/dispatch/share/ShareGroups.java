package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group configuration the executors need before the first member joins. A share group starts reading at
 * the latest offset by default, which would skip every call produced before an executor first ran.
 */
public final class ShareGroups {

    private static final Logger log = LoggerFactory.getLogger(ShareGroups.class);

    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";
    /** The broker setting naming the share-group assignor; the first entry is the one used. */
    static final String ASSIGNORS = "group.share.assignors";
    /** The fabric broker's assignor ({@code infra/kafka-broker}): every member reads every partition of its topics. */
    static final String EVERY_PARTITION_ASSIGNOR = "dev.computefabric.infra.broker.EveryPartitionAssignor";

    private ShareGroups() {}

    /** Sets {@code share.auto.offset.reset=earliest} on {@code group}; idempotent, so every executor does it. */
    public static void startFromEarliest(Admin admin, String group, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(AUTO_OFFSET_RESET, "earliest"), AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op)))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot set " + AUTO_OFFSET_RESET + "=earliest on share group " + group
                            + " (the executor needs ALTER_CONFIGS on the group, and a Kafka 4.2+ broker; use --dispatch classic"
                            + " for older brokers): " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot set " + AUTO_OFFSET_RESET + " on share group " + group + ": the broker did not"
                            + " answer within " + timeout,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share group " + group, e);
        }
    }

    /**
     * Whether the cluster gives every share-group member every partition of its topics, as the fabric's broker does
     * (asked of one broker: a cluster's brokers share their group settings). False when it runs Kafka's own assignor,
     * or when it cannot be asked (no {@code DESCRIBE_CONFIGS} on the cluster, no answer within {@code timeout}).
     */
    public static boolean everyPartitionToEveryMember(Admin admin, Duration timeout) {
        try {
            Node broker = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the cluster named no broker"));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker.idString());
            Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
            ConfigEntry assignors = config == null ? null : config.get(ASSIGNORS);
            String value = assignors == null ? null : assignors.value();
            boolean every = firstAssignorIsEveryPartition(value);
            log.info(
                    "the brokers' share-group assignor is {}: lanes read {}",
                    value,
                    every ? "every partition of their topics" : "the partitions it gives them");
            return every;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.info("cannot read the brokers' {} ({}); assuming Kafka's own assignor", ASSIGNORS, e.toString());
            return false;
        }
    }

    /** {@code value} of {@code group.share.assignors} names the fabric's assignor first. */
    static boolean firstAssignorIsEveryPartition(String value) {
        return value != null && value.split(",")[0].trim().equals(EVERY_PARTITION_ASSIGNOR);
    }
}
