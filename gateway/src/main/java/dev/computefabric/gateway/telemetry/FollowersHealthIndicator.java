package dev.computefabric.gateway.telemetry;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.kafka.ReplyListener;
import dev.computefabric.gateway.kafka.StatusListener;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of the gateway's readiness: it answers for every call and pipeline only once its {@code fabric.status} and
 * {@code fabric.pipelines.status} followers have read what the topics held at start, and it answers waiting clients
 * only while it reads its reply topic.
 */
public final class FollowersHealthIndicator implements HealthIndicator {

    private final StatusListener<CallStatus> status;
    private final StatusListener<PipelineStatus> pipelines;
    private final ReplyListener replies;

    public FollowersHealthIndicator(
            StatusListener<CallStatus> status, StatusListener<PipelineStatus> pipelines, ReplyListener replies) {
        this.status = status;
        this.pipelines = pipelines;
        this.replies = replies;
    }

    @Override
    public Health health() {
        if (!status.caughtUp()) {
            return Health.outOfService()
                    .withDetail("status", "still reading fabric.status from its beginning")
                    .build();
        }
        if (!pipelines.caughtUp()) {
            return Health.outOfService()
                    .withDetail("pipelines", "still reading fabric.pipelines.status from its beginning")
                    .build();
        }
        if (!replies.following()) {
            return Health.down()
                    .withDetail("replies", "not reading its reply topic")
                    .build();
        }
        return Health.up().build();
    }
}
