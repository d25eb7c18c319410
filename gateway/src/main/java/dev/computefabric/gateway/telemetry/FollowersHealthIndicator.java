package dev.computefabric.gateway.telemetry;

import dev.computefabric.gateway.kafka.ReplyListener;
import dev.computefabric.gateway.kafka.StatusListener;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of the gateway's readiness: it answers for every call only once its {@code fabric.status} follower has read
 * what the topic held at start, and it answers waiting clients only while it reads its reply topic.
 */
public final class FollowersHealthIndicator implements HealthIndicator {

    private final StatusListener status;
    private final ReplyListener replies;

    public FollowersHealthIndicator(StatusListener status, ReplyListener replies) {
        this.status = status;
        this.replies = replies;
    }

    @Override
    public Health health() {
        if (!status.caughtUp()) {
            return Health.outOfService()
                    .withDetail("status", "still reading fabric.status from its beginning")
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
