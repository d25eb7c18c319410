package dev.computefabric.gateway.calls;

import dev.computefabric.avro.Priority;
import dev.computefabric.schemas.Capset;
import java.util.concurrent.CompletableFuture;

/** Finds, and creates on first use, the capability topic that carries calls needing a capset at a priority. */
@FunctionalInterface
public interface CallTopics {

    /** The topic name, once the topic exists and every partition answers. */
    CompletableFuture<String> topicFor(Capset capset, Priority priority);
}
