package dev.computefabric.bench;

import dev.computefabric.avro.CallState;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Calls straight to Kafka with the Java SDK's {@link KafkaSubmitter}: no gateway, the router replies to our own topic. */
final class KafkaCalls implements Caller {

    private static final Duration TIMEOUT = Duration.ofSeconds(600);

    private final KafkaSubmitter submitter;

    KafkaCalls(String bootstrap, String registryUrl) {
        KafkaSubmitterOptions defaults = KafkaSubmitterOptions.of(bootstrap, registryUrl);
        this.submitter =
                KafkaSubmitter.start(new KafkaSubmitterOptions(bootstrap, registryUrl, defaults.replyTopic(), TIMEOUT));
    }

    String replyTopic() {
        return submitter.replyTopic();
    }

    @Override
    public CompletableFuture<Outcome> call(String function, String argsJson) {
        return submitter.submit(function, argsJson, List.of()).thenApply(result -> {
            if (result.getState() != CallState.FINISHED) {
                throw new IllegalStateException("call " + result.getCallId() + " did not finish: " + result.getState()
                        + " " + result.getError());
            }
            return new Outcome(result.getCallId(), result.getExecutorId());
        });
    }

    @Override
    public void close() {
        submitter.close();
    }
}
