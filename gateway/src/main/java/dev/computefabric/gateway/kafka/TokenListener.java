package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Follows the compacted {@code fabric.tokens} from its beginning and hands every record (tombstones as null) to a
 * sink. No group: every gateway reads every partition, so a token created or revoked anywhere counts at every
 * gateway within a poll.
 */
public final class TokenListener implements AutoCloseable {

    private final TopicFollower<ApiToken> follower;

    public TokenListener(Consumer<String, ApiToken> consumer, BiConsumer<String, ApiToken> sink) {
        this.follower = new TopicFollower<>(consumer, Topics.TOKENS, "API token", "gateway-tokens", (record, token) -> {
            if (record.key() != null) {
                sink.accept(record.key(), token);
            }
        });
    }

    /**
     * Starts from the beginning and returns once every token the topic held is known.
     *
     * @throws IllegalStateException the topic does not exist or could not be read within {@code timeout}
     */
    public void start(Duration timeout) {
        try {
            follower.start(TopicFollower.StartAt.BEGINNING).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "could not read " + Topics.TOKENS + " to its end within " + timeout + "; is Kafka reachable?");
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + Topics.TOKENS + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + Topics.TOKENS, e);
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
