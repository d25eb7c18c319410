package dev.computefabric.infra.stack;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.CLUSTER;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.Resource;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each role of a secure stack may do on the broker, and nothing more (the broker runs with
 * {@code allow.everyone.if.no.acl.found=false}). Read from what each component's code reads, writes and creates; the
 * table in docs/security.md says the same. READ and WRITE imply DESCRIBE, which listing and metadata need.
 */
public final class FabricAcls {

    /** {@code KafkaSubmitterOptions.REPLY_TOPIC_PREFIX}: the reply topics of Kafka-native callers. */
    public static final String CALLER_REPLIES_PREFIX = Topics.REPLIES_PREFIX + "sdk-";
    /** {@code ExecutorOptions.DEFAULT_GROUP}: the share group (and classic group) every executor joins. */
    public static final String EXECUTOR_GROUP = "fabric-executors";
    /** {@code RouterOptions.DEFAULT_APPLICATION_ID}: the router's group, and prefix of its internal topics. */
    public static final String ROUTER_APPLICATION_ID = "fabric-router";
    /** {@code KafkaStoreOptions.DEFAULT_TOPIC}: the registry's compacted topic. */
    public static final String REGISTRY_TOPIC = "fabric.schemas";
    /** {@code KafkaStoreOptions.of}: the transactional id every registry instance shares. */
    public static final String REGISTRY_TRANSACTIONAL_ID = "fabric-schema-registry." + REGISTRY_TOPIC;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FabricAcls() {}

    /** Every grant of every role that is not a super user. */
    public static List<AclBinding> bindings() {
        Grants grants = new Grants();

        FabricRole gateway = FabricRole.GATEWAY;
        // Calls: produced, capability topics created on demand, and read back by the table retention sweep.
        grants.allow(gateway, TOPIC, Topics.CALLS_PREFIX, PREFIXED, WRITE, CREATE, READ);
        grants.allow(gateway, TOPIC, Topics.CACHE_REQUESTS, LITERAL, WRITE, READ);
        grants.allow(gateway, TOPIC, Topics.CACHE_ACCEPTED, LITERAL, READ);
        grants.allow(gateway, TOPIC, Topics.CONTROL, LITERAL, WRITE);
        // Pipelines: submitted and cancelled; their statuses followed like the calls'.
        grants.allow(gateway, TOPIC, Topics.PIPELINES, LITERAL, WRITE);
        grants.allow(gateway, TOPIC, Topics.PIPELINES_CONTROL, LITERAL, WRITE);
        grants.allow(gateway, TOPIC, Topics.PIPELINES_STATUS, LITERAL, READ);
        // A capability topic is created with the partition count of fabric.results (co-partitioning).
        grants.allow(gateway, TOPIC, Topics.RESULTS, LITERAL, DESCRIBE);
        // Its own reply topic, fabric.replies.<gatewayId>, created at start; gateway ids are chosen at deployment.
        grants.allow(gateway, TOPIC, Topics.REPLIES_PREFIX, PREFIXED, CREATE, READ);
        // fabric.tokens: API token hashes, read by every gateway; only admins (a super user) mint and revoke.
        for (String followed :
                List.of(Topics.STATUS, Topics.FUNCTIONS, Topics.EXECUTORS, Topics.EVENTS, Topics.TOKENS)) {
            grants.allow(gateway, TOPIC, followed, LITERAL, READ);
        }

        FabricRole executor = FabricRole.EXECUTOR;
        grants.allow(executor, TOPIC, Topics.CALLS_PREFIX, PREFIXED, READ);
        grants.allow(executor, TOPIC, Topics.CONTROL, LITERAL, READ);
        for (String written : List.of(Topics.EVENTS, Topics.RESULTS, Topics.DLQ, Topics.EXECUTORS, Topics.FUNCTIONS)) {
            grants.allow(executor, TOPIC, written, LITERAL, WRITE);
        }
        // Members of the share group (or the classic one); each sets share.auto.offset.reset on it before joining.
        grants.allow(executor, GROUP, EXECUTOR_GROUP, LITERAL, READ, ALTER_CONFIGS);
        // Which share-group assignor the brokers run decides how long a lane's empty share fetch may wait.
        grants.allow(executor, CLUSTER, Resource.CLUSTER_NAME, LITERAL, DESCRIBE_CONFIGS);

        FabricRole router = FabricRole.ROUTER;
        // Calls are read by pattern; cache misses are written back to their capability topic, and pipeline steps to
        // theirs, created if a Kafka-native caller's pipeline names a capability set nobody used before.
        grants.allow(router, TOPIC, Topics.CALLS_PREFIX, PREFIXED, READ, WRITE, CREATE);
        grants.allow(router, TOPIC, Topics.CACHE_PREFIX, PREFIXED, READ, WRITE);
        grants.allow(router, TOPIC, Topics.RESULTS, LITERAL, READ, WRITE);
        grants.allow(router, TOPIC, Topics.EVENTS, LITERAL, READ);
        grants.allow(router, TOPIC, Topics.CONTROL, LITERAL, READ, WRITE);
        // Pipelines: read, step completions passed from the lifecycle to the pipeline, statuses written.
        grants.allow(router, TOPIC, Topics.PIPELINES_PREFIX, PREFIXED, READ, WRITE);
        grants.allow(router, TOPIC, Topics.STATUS, LITERAL, WRITE);
        grants.allow(router, TOPIC, Topics.DLQ, LITERAL, WRITE);
        grants.allow(router, TOPIC, Topics.REPLIES_PREFIX, PREFIXED, WRITE);
        // Kafka Streams: its group, its changelog topics (created and configured by the app) and, with
        // exactly_once_v2, its transactional ids, all named after the application id.
        grants.allow(router, GROUP, ROUTER_APPLICATION_ID, PREFIXED, READ);
        grants.allow(router, TOPIC, ROUTER_APPLICATION_ID, PREFIXED, ALL);
        grants.allow(router, TRANSACTIONAL_ID, ROUTER_APPLICATION_ID, PREFIXED, WRITE, DESCRIBE);

        FabricRole caller = FabricRole.CALLER;
        // Calls on any capability topic; a capset no one used before gets its topic on first use, like the gateway's.
        grants.allow(caller, TOPIC, Topics.CALLS_PREFIX, PREFIXED, WRITE, CREATE);
        grants.allow(caller, TOPIC, Topics.CONTROL, LITERAL, WRITE);
        grants.allow(caller, TOPIC, Topics.PIPELINES, LITERAL, WRITE);
        grants.allow(caller, TOPIC, Topics.PIPELINES_CONTROL, LITERAL, WRITE);
        // A capability topic is created with the partition count of fabric.results; describing it reads no result.
        grants.allow(caller, TOPIC, Topics.RESULTS, LITERAL, DESCRIBE);
        // Its own reply topics, created at start and read without a group (assign, seek, no commits). The router
        // writes them under its fabric.replies. grant. Not fabric.replies.<gatewayId>: a gateway's replies are not its.
        grants.allow(caller, TOPIC, CALLER_REPLIES_PREFIX, PREFIXED, CREATE, READ);

        FabricRole registry = FabricRole.REGISTRY;
        grants.allow(registry, TOPIC, REGISTRY_TOPIC, LITERAL, CREATE, READ, WRITE);
        grants.allow(registry, TRANSACTIONAL_ID, REGISTRY_TRANSACTIONAL_ID, LITERAL, WRITE, DESCRIBE);
        return grants.bindings;
    }

    /** Creates {@link #bindings()} (creating one that exists changes nothing) and waits until the broker has them. */
    public static void apply(Admin admin) {
        try {
            admin.createAcls(bindings()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the fabric's ACLs: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create the fabric's ACLs within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the fabric's ACLs", e);
        }
    }

    private static final class Grants {
        private final List<AclBinding> bindings = new ArrayList<>();

        void allow(FabricRole role, ResourceType type, String name, PatternType pattern, AclOperation... operations) {
            if (role.superUser()) {
                throw new IllegalArgumentException(role + " is a super user and needs no ACL");
            }
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(
                        new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(role.principal(), "*", operation, AclPermissionType.ALLOW)));
            }
        }
    }
}
