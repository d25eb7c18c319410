package dev.computefabric.infra.broker;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.GroupSpec;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.ShareGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;

/**
 * A share-group assignor that gives every member every partition of the topics it subscribes to
 * ({@code group.share.assignors}). A share group hands out records, not partitions, so a member may fetch from any
 * partition; what the assignor decides is where it may look. Kafka's {@code simple} assignor gives each member the
 * partition its member id hashes to: in a burst of 400 calls on 6 partitions one partition had 4 executor lanes and
 * 54 calls, another 3 lanes and 75, and the burst ended with the first partition's lanes idle for 0.7 s while the
 * second's worked off their queue (docs/benchmarks.md, "6 December"). Here every lane takes the next call of its
 * topic, wherever it was produced.
 *
 * <p>Only partitions the group may be assigned are given ({@link GroupSpec#isPartitionAssignable}: a share
 * partition whose state is not initialised yet is not). The assignment depends on nothing but the group's members
 * and the topics' partitions, so a rebalance moves nothing a member keeps.
 */
public final class EveryPartitionAssignor implements ShareGroupPartitionAssignor {

    /** Its name in the group coordinator ({@code group.share.assignors} names the class). */
    public static final String NAME = "every-partition";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, SubscribedTopicDescriber topics) {
        Map<String, MemberAssignment> members = new HashMap<>();
        Map<Uuid, Set<Integer>> assignable = new HashMap<>();
        for (String member : group.memberIds()) {
            Map<Uuid, Set<Integer>> partitions = new HashMap<>();
            for (Uuid topic : group.memberSubscription(member).subscribedTopicIds()) {
                Set<Integer> ofTopic = assignable.computeIfAbsent(topic, id -> assignable(group, topics, id));
                if (!ofTopic.isEmpty()) {
                    partitions.put(topic, ofTopic);
                }
            }
            members.put(member, new Assigned(partitions));
        }
        return new GroupAssignment(members);
    }

    /** The partitions of {@code topic} the group may be assigned; none of a topic that is gone. */
    private static Set<Integer> assignable(GroupSpec group, SubscribedTopicDescriber topics, Uuid topic) {
        Set<Integer> partitions = new TreeSet<>();
        for (int partition = 0; partition < topics.numPartitions(topic); partition++) {
            if (group.isPartitionAssignable(topic, partition)) {
                partitions.add(partition);
            }
        }
        return Set.copyOf(partitions);
    }

    private record Assigned(Map<Uuid, Set<Integer>> partitions) implements MemberAssignment {}
}
