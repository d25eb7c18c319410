package dev.computefabric.kafka;

import dev.computefabric.schemas.ContractSchemas;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the contract's value schemas ({@link ContractSchemas}) as a provisioning step, next to the topics: a
 * client that looks a schema up by subject then finds it before the first call. A registry that does not answer
 * yet is waited for up to the timeout: on a fresh broker its first write also creates Kafka's transaction state
 * topic, which took longer than one HTTP request's 10 s on a loaded 2-core machine.
 */
public final class SchemaProvisioner {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    /** Between attempts; registrations are idempotent, so a retry after a late success is harmless. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(SchemaProvisioner.class);

    private final SchemaRegistryClient registry;
    private final Duration timeout;

    public SchemaProvisioner(SchemaRegistryClient registry) {
        this(registry, DEFAULT_TIMEOUT);
    }

    public SchemaProvisioner(SchemaRegistryClient registry, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.registry = registry;
        this.timeout = timeout;
    }

    /**
     * Registers every value schema under its record's full name and returns the ids by subject. Fails with the
     * registry client's last {@link SchemaRegistryUnavailableException} once the timeout passed, and at once when
     * the registry refuses a schema (a 4xx: incompatible or invalid, which waiting does not change).
     */
    public Map<String, Integer> registerContract() {
        Deadline deadline = Deadline.in(timeout);
        for (int attempt = 1; ; attempt++) {
            try {
                return ContractSchemas.registerAll(registry);
            } catch (SchemaRegistryUnavailableException e) {
                if (deadline.passed()) {
                    throw new SchemaRegistryUnavailableException(
                            "the contract's schemas could not be registered in " + registry.baseUrl() + " within "
                                    + timeout + " (" + attempt + " attempts): " + e.getMessage(),
                            e);
                }
                log.info("schema registry not ready (attempt {}): {}; trying again", attempt, e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("interrupted while waiting for the schema registry", e);
        }
    }
}
