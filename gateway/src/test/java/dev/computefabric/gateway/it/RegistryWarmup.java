package dev.computefabric.gateway.it;

import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import java.time.Duration;

/**
 * Makes the embedded registry's first write happen before the components start. On a fresh broker that write waits
 * for the transaction coordinator (the registry's schema topic is transactional) and took 13 s on a loaded 2-core
 * host: longer than a component's 10 s registry timeout, so a node starting at that moment failed to start.
 */
final class RegistryWarmup {

    static final Duration BOUND = Duration.ofMinutes(2);

    private RegistryWarmup() {}

    static void firstWriteDone(String registryUrl) {
        SchemaRegistryClient registry = new SchemaRegistryClient(registryUrl);
        await().atMost(BOUND)
                .ignoreExceptions()
                .until(() ->
                        registry.register(CallEvent.getClassSchema().getFullName(), CallEvent.getClassSchema()) >= 0);
    }
}
