package dev.computefabric.gateway.security;

import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.calls.Caller;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call what, and how much: the policy file as data ({@link PolicyParser} reads it). Nothing is allowed
 * unless a grant allows it.
 *
 * @param adminGroups members see, cancel and download every call, not only their own
 * @param grants      what principals and groups may call
 * @param defaults    the limits of a principal not named in {@code limits}
 * @param limits      limits by principal
 */
record Policy(Set<String> adminGroups, List<Grant> grants, Limits defaults, Map<String, Limits> limits) {

    Policy {
        adminGroups = Set.copyOf(adminGroups);
        grants = List.copyOf(grants);
        Objects.requireNonNull(defaults, "defaults");
        limits = Map.copyOf(limits);
    }

    /**
     * One grant: whoever it names (a principal, or a member of a group) may call the functions its globs match
     * with capability sets whose every tag its capability globs match (none listed: only calls that need no
     * capability).
     */
    record Grant(Set<String> principals, Set<String> groups, List<String> functions, List<String> capabilities) {

        Grant {
            principals = Set.copyOf(principals);
            groups = Set.copyOf(groups);
            functions = List.copyOf(functions);
            capabilities = List.copyOf(capabilities);
        }

        boolean names(Caller caller) {
            return principals.contains(caller.name())
                    || caller.groups().stream().anyMatch(groups::contains);
        }

        boolean allowsFunction(String function) {
            return functions.stream().anyMatch(glob -> Globs.matches(glob, function));
        }

        boolean allowsCapability(String tag) {
            return capabilities.stream().anyMatch(glob -> Globs.matches(glob, tag));
        }
    }

    /**
     * @param callsInFlight   calls accepted and not yet ended at once; null: no limit
     * @param callsPerSecond  calls accepted per second, with bursts up to this many; null: no limit
     * @param highestPriority the highest priority its calls and pipelines may ask for; null: any, HIGH included
     */
    record Limits(Integer callsInFlight, Double callsPerSecond, Priority highestPriority) {

        static final Limits NONE = new Limits(null, null, null);

        Limits(Integer callsInFlight, Double callsPerSecond) {
            this(callsInFlight, callsPerSecond, null);
        }

        Limits {
            if (callsInFlight != null && callsInFlight < 1) {
                throw new IllegalArgumentException("callsInFlight must be >= 1, got " + callsInFlight);
            }
            if (callsPerSecond != null && !(callsPerSecond > 0)) {
                throw new IllegalArgumentException("callsPerSecond must be > 0, got " + callsPerSecond);
            }
        }
    }

    boolean isAdmin(Caller caller) {
        return caller.groups().stream().anyMatch(adminGroups::contains);
    }

    /** Why {@code caller} may not call {@code function} needing {@code tags}, or empty when it may. */
    Optional<String> refusal(Caller caller, String function, Set<String> tags) {
        List<Grant> mine = grants.stream().filter(grant -> grant.names(caller)).toList();
        List<Grant> forFunction =
                mine.stream().filter(grant -> grant.allowsFunction(function)).toList();
        if (forFunction.isEmpty()) {
            return Optional.of("the policy grants " + caller.name() + " no call of function '" + function
                    + "'; ask an operator to add it to a grant for you or one of your groups " + caller.groups());
        }
        boolean allowed = forFunction.stream().anyMatch(grant -> tags.stream().allMatch(grant::allowsCapability));
        if (!allowed) {
            return Optional.of("the policy grants " + caller.name() + " function '" + function
                    + "' but not with the capabilities "
                    + tags.stream().sorted().toList()
                    + "; ask an operator for a grant that lists them under capabilities");
        }
        return Optional.empty();
    }

    /** Why {@code caller} may not ask for {@code priority}, or empty when it may. */
    Optional<String> priorityRefusal(Caller caller, Priority priority) {
        Priority highest = limitsOf(caller.name()).highestPriority();
        // HIGH, NORMAL, LOW: a later symbol is a lower priority.
        if (highest == null || priority.ordinal() >= highest.ordinal()) {
            return Optional.empty();
        }
        String level = priority.name().toLowerCase(Locale.ROOT);
        String allowed = highest.name().toLowerCase(Locale.ROOT);
        return Optional.of("the policy lets " + caller.name() + " ask for priority '" + allowed + "' at most, not '"
                + level + "'; leave 'priority' out (normal) or ask an operator for highestPriority: " + level
                + " in your limits");
    }

    Limits limitsOf(String principal) {
        return limits.getOrDefault(principal, defaults);
    }
}
