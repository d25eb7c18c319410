package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Group configuration the executors need before the first member joins. A share group starts reading at
 * the latest offset by default, which would skip every call produced before an executor first ran.
 */
public final class ShareGroups {

    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";

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
}
