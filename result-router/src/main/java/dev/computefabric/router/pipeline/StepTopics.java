package dev.computefabric.router.pipeline;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * Makes sure the capability topic a step's call goes to exists before the router writes it: topics are not
 * created automatically, and a record for a missing topic would hold the router up (its producer retries the
 * fabric's own topics forever). The gateway creates a pipeline's topics when it accepts one; a pipeline a
 * Kafka-native caller produced may name a capability set nobody used before. Topics known to exist are remembered,
 * so this asks the broker once per topic.
 */
public interface StepTopics extends AutoCloseable {

    /** For tests that supply every topic. */
    StepTopics EXISTING = call -> {};

    void ensure(FuncCall call);

    @Override
    default void close() {}

    /** Creates missing topics through an admin client of the router's own, logged in as it is. */
    static StepTopics creating(String bootstrap) {
        Admin admin = Admin.create(TopicProvisioner.adminConfig(bootstrap, FabricCredentials.fromEnvironment()));
        TopicProvisioner provisioner = new TopicProvisioner();
        Set<String> known = ConcurrentHashMap.newKeySet();
        return new StepTopics() {
            @Override
            public void ensure(FuncCall call) {
                Capset capset = Capset.of(call.getRequirements());
                if (known.add(Topics.calls(capset, call.getPriority()))) {
                    try {
                        provisioner.ensureCallsTopic(admin, capset, call.getPriority());
                    } catch (RuntimeException e) {
                        known.remove(Topics.calls(capset, call.getPriority()));
                        throw e;
                    }
                }
            }

            @Override
            public void close() {
                admin.close();
            }
        };
    }
}
