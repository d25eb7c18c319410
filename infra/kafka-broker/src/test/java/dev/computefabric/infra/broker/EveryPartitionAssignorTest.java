package dev.computefabric.infra.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.GroupSpec;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberSubscription;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.junit.jupiter.api.Test;

class EveryPartitionAssignorTest {

    private static final Uuid ANY = Uuid.randomUuid();
    private static final Uuid PYTHON = Uuid.randomUuid();
    private static final Uuid GONE = Uuid.randomUuid();
    private static final Map<Uuid, Integer> PARTITIONS = Map.of(ANY, 6, PYTHON, 3);

    private final EveryPartitionAssignor assignor = new EveryPartitionAssignor();

    @Test
    void everyMemberOfATopicGetsEveryPartitionOfIt() {
        GroupAssignment assignment = assignor.assign(
                group(Map.of("lane-1", Set.of(ANY), "lane-2", Set.of(ANY), "lane-3", Set.of(ANY, PYTHON)), Set.of()),
                TOPICS);

        assertThat(partitions(assignment, "lane-1")).isEqualTo(Map.of(ANY, Set.of(0, 1, 2, 3, 4, 5)));
        assertThat(partitions(assignment, "lane-2")).isEqualTo(Map.of(ANY, Set.of(0, 1, 2, 3, 4, 5)));
        assertThat(partitions(assignment, "lane-3"))
                .isEqualTo(Map.of(ANY, Set.of(0, 1, 2, 3, 4, 5), PYTHON, Set.of(0, 1, 2)));
    }

    @Test
    void aPartitionTheGroupMayNotBeAssignedYetIsGivenToNobody() {
        GroupAssignment assignment =
                assignor.assign(group(Map.of("lane-1", Set.of(PYTHON), "lane-2", Set.of(PYTHON)), Set.of(1)), TOPICS);

        assertThat(partitions(assignment, "lane-1")).isEqualTo(Map.of(PYTHON, Set.of(0, 2)));
        assertThat(partitions(assignment, "lane-2")).isEqualTo(Map.of(PYTHON, Set.of(0, 2)));
    }

    @Test
    void aMemberOfNothingOrOfATopicThatIsGoneIsInTheAssignmentWithoutPartitions() {
        GroupAssignment assignment =
                assignor.assign(group(Map.of("idle", Set.of(), "late", Set.of(GONE)), Set.of()), TOPICS);

        assertThat(assignment.members()).containsOnlyKeys("idle", "late");
        assertThat(partitions(assignment, "idle")).isEmpty();
        assertThat(partitions(assignment, "late")).isEmpty();
    }

    @Test
    void theBrokerKnowsItByItsName() {
        assertThat(assignor.name()).isEqualTo(EveryPartitionAssignor.NAME).isEqualTo("every-partition");
    }

    private static Map<Uuid, Set<Integer>> partitions(GroupAssignment assignment, String member) {
        MemberAssignment of = assignment.members().get(member);
        assertThat(of).as("assignment of %s", member).isNotNull();
        return of.partitions();
    }

    private static final SubscribedTopicDescriber TOPICS = new SubscribedTopicDescriber() {
        @Override
        public int numPartitions(Uuid topic) {
            return PARTITIONS.getOrDefault(topic, -1);
        }

        @Override
        public Set<String> racksForPartition(Uuid topic, int partition) {
            return Set.of();
        }
    };

    /** Members and what each subscribes to; partitions in {@code notAssignable} are not assignable in any topic. */
    private static GroupSpec group(Map<String, Set<Uuid>> subscriptions, Set<Integer> notAssignable) {
        return new GroupSpec() {
            @Override
            public Collection<String> memberIds() {
                return subscriptions.keySet();
            }

            @Override
            public SubscriptionType subscriptionType() {
                return SubscriptionType.HETEROGENEOUS;
            }

            @Override
            public boolean isPartitionAssigned(Uuid topic, int partition) {
                return false;
            }

            @Override
            public boolean isPartitionAssignable(Uuid topic, int partition) {
                return !notAssignable.contains(partition);
            }

            @Override
            public MemberSubscription memberSubscription(String member) {
                return new MemberSubscription() {
                    @Override
                    public Optional<String> rackId() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> instanceId() {
                        return Optional.empty();
                    }

                    @Override
                    public Set<Uuid> subscribedTopicIds() {
                        return subscriptions.get(member);
                    }
                };
            }

            @Override
            public MemberAssignment memberAssignment(String member) {
                return Map::of;
            }
        };
    }
}
