package dev.computefabric.infra.stack;

import java.util.Locale;

/**
 * The principals of a secure stack, one per role: each logs in to Kafka as {@code User:<user>} with its own SCRAM
 * password and may do what {@link FabricAcls} grants it, nothing more.
 */
public enum FabricRole {
    /** The broker itself (inter-broker and controller connections): a super user. */
    BROKER,
    /** The launcher's provisioning (topics, ACLs, contract schemas): a super user. */
    ADMIN,
    GATEWAY,
    EXECUTOR,
    ROUTER,
    REGISTRY,
    /**
     * A service that submits calls with a Kafka client, no gateway involved (the SDK's {@code KafkaSubmitter}, or a
     * client in any language): writes calls and cancels, reads its own reply topics, nothing of other calls.
     */
    CALLER;

    /** The user name, e.g. {@code gateway}. */
    public String user() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The principal ACLs name, e.g. {@code User:gateway}. */
    public String principal() {
        return "User:" + user();
    }

    /** Whether the broker lets this role do anything, without ACLs. */
    public boolean superUser() {
        return this == BROKER || this == ADMIN;
    }

    /**
     * Whether the schema registry accepts this role's writes: the roles whose serializers register schemas. A caller
     * only writes the contract's schemas, which the launcher registered: the registry answers that registration
     * without credentials.
     */
    public boolean registryWriter() {
        return this == ADMIN || this == GATEWAY || this == EXECUTOR || this == ROUTER;
    }
}
