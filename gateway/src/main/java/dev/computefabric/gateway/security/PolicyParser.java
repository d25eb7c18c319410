package dev.computefabric.gateway.security;

import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.calls.PriorityNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the policy file's YAML (format in docs/security.md). Unknown keys are refused, so that a typo cannot
 * silently grant or lift a limit; every message names the place to fix.
 */
final class PolicyParser {

    private static final Set<String> TOP = Set.of("admins", "grants", "limits");
    private static final Set<String> GRANT = Set.of("principals", "groups", "functions", "capabilities");
    private static final Set<String> LIMITS = Set.of("default", "principals");
    private static final Set<String> LIMIT = Set.of("callsInFlight", "callsPerSecond", "highestPriority");

    private PolicyParser() {}

    /** @throws IllegalArgumentException the text is not a valid policy; the message says where and why */
    static Policy parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> top = map("the policy", root == null ? Map.of() : root, TOP);
        List<Policy.Grant> grants = new ArrayList<>();
        List<Object> grantList = list("grants", top.get("grants"));
        for (int i = 0; i < grantList.size(); i++) {
            grants.add(grant("grants[" + i + "]", grantList.get(i)));
        }
        Map<String, Object> limits = map("limits", top.getOrDefault("limits", Map.of()), LIMITS);
        Policy.Limits defaults =
                limits.containsKey("default") ? limit("limits.default", limits.get("default")) : Policy.Limits.NONE;
        Map<String, Policy.Limits> byPrincipal = new HashMap<>();
        Map<String, Object> principals = map("limits.principals", limits.getOrDefault("principals", Map.of()), null);
        principals.forEach((name, value) -> byPrincipal.put(name, limit("limits.principals." + name, value)));
        return new Policy(Set.copyOf(strings("admins", top.get("admins"))), grants, defaults, byPrincipal);
    }

    private static Policy.Grant grant(String where, Object value) {
        Map<String, Object> grant = map(where, value, GRANT);
        List<String> principals = strings(where + ".principals", grant.get("principals"));
        List<String> groups = strings(where + ".groups", grant.get("groups"));
        if (principals.isEmpty() && groups.isEmpty()) {
            throw new IllegalArgumentException(where + " names nobody: give it principals or groups");
        }
        List<String> functions = strings(where + ".functions", grant.get("functions"));
        if (functions.isEmpty()) {
            throw new IllegalArgumentException(where + " grants no function: list names or globs under functions");
        }
        return new Policy.Grant(
                Set.copyOf(principals),
                Set.copyOf(groups),
                functions,
                strings(where + ".capabilities", grant.get("capabilities")));
    }

    private static Policy.Limits limit(String where, Object value) {
        Map<String, Object> limit = map(where, value, LIMIT);
        Object inFlight = limit.get("callsInFlight");
        Object perSecond = limit.get("callsPerSecond");
        if (inFlight != null && !(inFlight instanceof Integer)) {
            throw new IllegalArgumentException(where + ".callsInFlight must be a whole number, got " + inFlight);
        }
        if (perSecond != null && !(perSecond instanceof Number)) {
            throw new IllegalArgumentException(where + ".callsPerSecond must be a number, got " + perSecond);
        }
        try {
            return new Policy.Limits(
                    (Integer) inFlight,
                    perSecond == null ? null : ((Number) perSecond).doubleValue(),
                    priority(where + ".highestPriority", limit.get("highestPriority")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Priority priority(String where, Object value) {
        if (value == null) {
            return null;
        }
        String levels = PriorityNames.levels("");
        if (!(value instanceof String name)) {
            throw new IllegalArgumentException(where + " must be one of " + levels + ", got " + value);
        }
        return PriorityNames.parse(name)
                .orElseThrow(() ->
                        new IllegalArgumentException(where + " must be one of " + levels + ", got '" + name + "'"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String where, Object value, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " must be a mapping, got: " + value);
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || (allowed != null && !allowed.contains(name))) {
                throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; allowed: "
                        + (allowed == null ? "names" : allowed.stream().sorted().toList()));
            }
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(String where, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list, got: " + value);
        }
        return (List<Object>) list;
    }

    private static List<String> strings(String where, Object value) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(where, value)) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(where + " must list names (strings), got: " + item);
            }
            strings.add(s.trim());
        }
        return strings;
    }
}
