package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secure stack's broker settings, its passwords and its ACLs, without a broker. */
class SecureStackConfigTest {

    @TempDir
    Path dir;

    private final FabricCredentials broker = new FabricCredentials("broker", "s3cret");

    @Test
    void aSecureNodeTakesOnlyScramClientsAndDeniesWhatNoAclAllows() {
        Properties p = new BrokerConfig(
                        dir, "127.0.0.1", 9092, 9093, BrokerProfile.DEV, 1, List.of(9093), Optional.of(broker))
                .properties();

        assertThat(p.getProperty("listeners")).isEqualTo("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(p)
                .containsEntry(
                        "listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.controller.protocol", "PLAIN")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:broker;User:admin");
        assertThat(p.getProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config"))
                .contains("username=\"broker\"", "password=\"s3cret\"");
        assertThat(p.getProperty("listener.name.controller.plain.sasl.jaas.config"))
                .contains("user_broker=\"s3cret\"");
    }

    @Test
    void aSecureNodesPropertiesFileIsItsOwnersOnly() throws Exception {
        Path file = dir.resolve("server.properties");
        new BrokerConfig(dir, "127.0.0.1", 9092, 9093, BrokerProfile.DEV, 1, List.of(9093), Optional.of(broker))
                .write(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void passwordsAreMadeOncePerDataDirectoryAndKeptPrivate() throws Exception {
        StackCredentials first = StackCredentials.loadOrCreate(dir);
        StackCredentials again = StackCredentials.loadOrCreate(dir);
        StackCredentials elsewhere = StackCredentials.loadOrCreate(dir.resolve("other"));

        for (FabricRole role : FabricRole.values()) {
            assertThat(first.of(role).user()).isEqualTo(role.user());
            assertThat(first.of(role).password())
                    .hasSize(32)
                    .isEqualTo(again.of(role).password());
            assertThat(elsewhere.of(role).password())
                    .isNotEqualTo(first.of(role).password());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.usersFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(first.registryWritersFile()))
                .contains("gateway=", "executor=", "router=", "admin=")
                .doesNotContain("registry=", "broker=");
        assertThat(first.toString()).doesNotContain(first.of(FabricRole.ADMIN).password());
    }

    @Test
    void noRoleMayWriteStatusesButTheRouterAndOnlyGatewaysCallersAndTheRouterMayWriteCalls() {
        List<AclBinding> acls = FabricAcls.bindings();

        assertThat(allowed(acls, AclOperation.WRITE, Topics.STATUS)).containsExactly("User:router");
        assertThat(allowed(acls, AclOperation.WRITE, Topics.CALLS_PREFIX))
                .containsExactlyInAnyOrder("User:gateway", "User:caller", "User:router");
        assertThat(allowed(acls, AclOperation.READ, Topics.CALLS_PREFIX))
                .containsExactlyInAnyOrder("User:gateway", "User:executor", "User:router");
        // The cluster's settings are read (the share-group assignor), never altered, and by executors only.
        assertThat(acls)
                .filteredOn(acl -> acl.pattern().resourceType() == ResourceType.CLUSTER)
                .extracting(acl -> acl.entry().principal() + " " + acl.entry().operation())
                .containsExactly("User:executor DESCRIBE_CONFIGS");
        assertThat(acls)
                .noneMatch(acl -> acl.entry().principal().equals("User:*"))
                .noneMatch(acl -> acl.pattern().name().equals("*"));
    }

    @Test
    void aCallerWritesCallsAndCancelsAndReadsOnlyItsOwnReplies() {
        List<AclBinding> acls = FabricAcls.bindings();
        String caller = FabricRole.CALLER.principal();

        for (String written : List.of(Topics.calls(Capset.of()), Topics.calls(Capset.of("python")), Topics.CONTROL)) {
            assertThat(allowed(acls, AclOperation.WRITE, written)).as(written).contains(caller);
        }
        assertThat(allowed(acls, AclOperation.READ, "fabric.replies.sdk-1234")).contains(caller);
        assertThat(allowed(acls, AclOperation.CREATE, "fabric.replies.sdk-1234"))
                .contains(caller);
        // Another's: a gateway's replies, every other call's status, result and events.
        for (String other : List.of(
                Topics.replies("gw-1"), Topics.STATUS, Topics.RESULTS, Topics.EVENTS, Topics.calls(Capset.of()))) {
            assertThat(allowed(acls, AclOperation.READ, other)).as(other).doesNotContain(caller);
        }
        for (String forbidden : List.of(Topics.STATUS, Topics.RESULTS, Topics.EVENTS, Topics.replies("gw-1"))) {
            assertThat(allowed(acls, AclOperation.WRITE, forbidden))
                    .as(forbidden)
                    .doesNotContain(caller);
        }
        assertThat(acls)
                .filteredOn(acl -> acl.entry().principal().equals(caller))
                .allMatch(acl -> acl.pattern().resourceType() == ResourceType.TOPIC, "topics only: no group, no ids");
        assertThat(FabricRole.CALLER.registryWriter()).isFalse();
    }

    @Test
    void aCallersPropertiesFileLogsInAsCallerAndIsItsOwnersOnly() throws Exception {
        StackCredentials credentials = StackCredentials.loadOrCreate(dir);

        Path file = credentials.writeClientProperties(FabricRole.CALLER, "127.0.0.1:9092", "http://127.0.0.1:8081");

        assertThat(file).isEqualTo(dir.resolve("secrets/caller.properties"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Properties loaded = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        }
        assertThat(loaded)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081")
                .containsEntry(
                        "sasl.jaas.config",
                        credentials.of(FabricRole.CALLER).kafkaProperties().get("sasl.jaas.config"));
        assertThat(loaded.getProperty("sasl.jaas.config"))
                .contains(
                        "username=\"caller\"", credentials.of(FabricRole.CALLER).password());
    }

    @Test
    void aSecureStackRunsOneBroker() {
        assertThatThrownBy(() -> EmbeddedStack.builder()
                        .dataDir(dir)
                        .brokers(3)
                        .secure(true)
                        .readyTimeout(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secure stack runs one broker");
    }

    private static List<String> allowed(List<AclBinding> acls, AclOperation operation, String topic) {
        return acls.stream()
                .filter(acl -> acl.pattern().resourceType() == ResourceType.TOPIC)
                .filter(acl -> acl.pattern().name().equals(topic)
                        || (acl.pattern().patternType() == PatternType.PREFIXED
                                && topic.startsWith(acl.pattern().name())))
                .filter(acl ->
                        acl.entry().operation() == operation || acl.entry().operation() == AclOperation.ALL)
                .map(acl -> acl.entry().principal())
                .distinct()
                .toList();
    }
}
