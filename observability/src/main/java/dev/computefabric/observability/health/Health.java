package dev.computefabric.observability.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A component's two probes, as Kubernetes asks them. <b>Live</b>: the process can still make progress (a failed
 * liveness probe restarts it). <b>Ready</b>: it is connected and serving now (a failed readiness probe takes it out
 * of its Service, and holds a rolling update). Each is a set of named checks; a probe passes when all of them do.
 * Readiness includes liveness: a process that cannot make progress serves nothing.
 */
public final class Health {

    /** The outcome of one probe: every check by name, and its problem or null. */
    public record Report(boolean up, Map<String, String> problems) {

        /** {@code {"status":"UP","checks":{"streams":"UP","kafka":"not connected"}}}. */
        public String json() {
            StringBuilder json = new StringBuilder("{\"status\":\"")
                    .append(up ? "UP" : "DOWN")
                    .append("\",\"checks\":{");
            boolean first = true;
            for (Map.Entry<String, String> check : problems.entrySet()) {
                json.append(first ? "" : ",").append(quote(check.getKey())).append(':');
                json.append(quote(check.getValue() == null ? "UP" : check.getValue()));
                first = false;
            }
            return json.append("}}").toString();
        }

        private static String quote(String text) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    default -> quoted.append(c < 0x20 ? ' ' : c);
                }
            }
            return quoted.append('"').toString();
        }
    }

    private final Map<String, HealthCheck> live = new LinkedHashMap<>();
    private final Map<String, HealthCheck> ready = new LinkedHashMap<>();

    /** Adds a liveness check (it counts for readiness too). */
    public synchronized Health live(String name, HealthCheck check) {
        live.put(name, check);
        return this;
    }

    /** Adds a readiness check. */
    public synchronized Health ready(String name, HealthCheck check) {
        ready.put(name, check);
        return this;
    }

    public synchronized Report liveness() {
        return run(live);
    }

    public synchronized Report readiness() {
        Map<String, HealthCheck> all = new LinkedHashMap<>(live);
        all.putAll(ready);
        return run(all);
    }

    private static Report run(Map<String, HealthCheck> checks) {
        Map<String, String> problems = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, HealthCheck> check : checks.entrySet()) {
            Optional<String> problem;
            try {
                problem = check.getValue().problem();
            } catch (RuntimeException e) {
                problem = Optional.of("check failed: " + e);
            }
            problems.put(check.getKey(), problem.orElse(null));
            up &= problem.isEmpty();
        }
        return new Report(up, problems);
    }
}
