package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.calls.Caller;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {

    static final String POLICY = """
            admins: [ops]
            grants:
              - groups: [analysts]
                functions: [echo, "report-*"]
                capabilities: [python]
              - groups: [ml-team]
                functions: ["train-*"]
                capabilities: ["gpu*", python]
              - principals: [carol]
                functions: ["*"]
            limits:
              default: {callsInFlight: 10, callsPerSecond: 5, highestPriority: normal}
              principals:
                bob: {callsInFlight: 2, callsPerSecond: 0.5}
                pager: {highestPriority: high}
                backfill: {highestPriority: low}
            """;

    final Policy policy = PolicyParser.parse(POLICY);
    final Caller alice = new Caller("alice", Set.of("analysts"));
    final Caller mia = new Caller("mia", Set.of("ml-team"));

    @Test
    void aGroupMayCallItsFunctionsByNameAndGlobWithItsCapabilities() {
        assertThat(policy.refusal(alice, "echo", Set.of())).isEmpty();
        assertThat(policy.refusal(alice, "report-daily", Set.of("python"))).isEmpty();
        assertThat(policy.refusal(mia, "train-resnet", Set.of("gpu-a100", "python")))
                .isEmpty();
    }

    @Test
    void aFunctionNoGrantNamesIsRefusedSayingWhatToAskFor() {
        assertThat(policy.refusal(alice, "train-resnet", Set.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no call of function 'train-resnet'"));
    }

    @Test
    void aCapabilityTheGrantDoesNotListIsRefusedEvenForAGrantedFunction() {
        assertThat(policy.refusal(alice, "echo", Set.of("gpu")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not with the capabilities [gpu]"));
    }

    @Test
    void aGrantWithoutCapabilitiesAllowsOnlyCallsThatNeedNone() {
        Caller carol = new Caller("carol", Set.of());
        assertThat(policy.refusal(carol, "anything", Set.of())).isEmpty();
        assertThat(policy.refusal(carol, "anything", Set.of("python"))).isPresent();
    }

    @Test
    void nobodyNamedByNoGrantMayCallAnything() {
        assertThat(policy.refusal(new Caller("eve", Set.of("visitors")), "echo", Set.of()))
                .isPresent();
    }

    @Test
    void adminsAreTheMembersOfAnAdminGroup() {
        assertThat(policy.isAdmin(new Caller("olga", Set.of("ops")))).isTrue();
        assertThat(policy.isAdmin(alice)).isFalse();
    }

    @Test
    void aPrincipalsOwnLimitsReplaceTheDefault() {
        assertThat(policy.limitsOf("bob")).isEqualTo(new Policy.Limits(2, 0.5));
        assertThat(policy.limitsOf("alice")).isEqualTo(new Policy.Limits(10, 5.0, Priority.NORMAL));
    }

    @Test
    void aPriorityAboveTheHighestAllowedIsRefusedSayingWhatToAskFor() {
        assertThat(policy.priorityRefusal(alice, Priority.HIGH))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("lets alice ask for priority 'normal' at most, not 'high'")
                        .contains("highestPriority: high"));
        assertThat(policy.priorityRefusal(alice, Priority.NORMAL)).isEmpty();
        assertThat(policy.priorityRefusal(alice, Priority.LOW)).isEmpty();
        Caller backfill = new Caller("backfill", Set.of());
        assertThat(policy.priorityRefusal(backfill, Priority.NORMAL)).isPresent();
        assertThat(policy.priorityRefusal(backfill, Priority.LOW)).isEmpty();
        assertThat(policy.priorityRefusal(new Caller("pager", Set.of()), Priority.HIGH))
                .isEmpty();
        // bob's own limits replace the default and name no highest priority: any.
        assertThat(policy.priorityRefusal(new Caller("bob", Set.of()), Priority.HIGH))
                .isEmpty();
    }

    @Test
    void aHighestPriorityThatIsNoLevelIsRefusedNamingTheLevels() {
        assertThatThrownBy(() -> PolicyParser.parse("limits:\n  default: {highestPriority: urgent}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limits.default.highestPriority must be one of high, normal, low, got 'urgent'");
    }

    @Test
    void withoutLimitsNothingIsLimited() {
        assertThat(PolicyParser.parse("grants: []").limitsOf("anyone")).isEqualTo(Policy.Limits.NONE);
    }

    @Test
    void anUnknownKeyIsRefusedSoATypoCannotGrantOrLiftALimit() {
        assertThatThrownBy(() -> PolicyParser.parse("grants:\n  - groups: [a]\n    function: [echo]\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grants[0] has an unknown key 'function'");
        assertThatThrownBy(() -> PolicyParser.parse("limits:\n  default: {callsInFlite: 3}\n"))
                .hasMessageContaining("limits.default has an unknown key 'callsInFlite'");
    }

    @Test
    void aGrantMustNameSomebodyAndSomeFunction() {
        assertThatThrownBy(() -> PolicyParser.parse("grants:\n  - functions: [echo]\n"))
                .hasMessageContaining("grants[0] names nobody");
        assertThatThrownBy(() -> PolicyParser.parse("grants:\n  - groups: [a]\n"))
                .hasMessageContaining("grants[0] grants no function");
    }

    @Test
    void badLimitsSayWhereTheyAre() {
        assertThatThrownBy(() -> PolicyParser.parse("limits:\n  principals:\n    bob: {callsInFlight: 0}\n"))
                .hasMessageContaining("limits.principals.bob: callsInFlight must be >= 1");
        assertThatThrownBy(() -> PolicyParser.parse("limits:\n  default: {callsPerSecond: fast}\n"))
                .hasMessageContaining("limits.default.callsPerSecond must be a number");
    }

    @Test
    void notYamlIsRefused() {
        assertThatThrownBy(() -> PolicyParser.parse("grants: [\n")).hasMessageStartingWith("not valid YAML");
    }
}
