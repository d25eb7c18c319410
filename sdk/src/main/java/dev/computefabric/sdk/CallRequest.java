package dev.computefabric.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call to submit over HTTP.
 *
 * @param function     the function's name, e.g. {@code echo}
 * @param argsJson     arguments as JSON object text
 * @param tables       input tables by name: format ({@code csv}, {@code json}, …) and text content
 * @param requirements capability tags the executor must have
 * @param waitFor      how long the gateway holds the request for the result; empty: answer once accepted
 */
public record CallRequest(
        String function,
        String argsJson,
        Map<String, TableInput> tables,
        List<String> requirements,
        Optional<Duration> waitFor) {

    public static final String DEFAULT_ARGS = "{}";

    public CallRequest {
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException("function must not be blank");
        }
        argsJson = argsJson == null ? DEFAULT_ARGS : argsJson;
        tables = Map.copyOf(new LinkedHashMap<>(tables == null ? Map.of() : tables));
        requirements = List.copyOf(requirements == null ? List.of() : requirements);
        waitFor = waitFor == null ? Optional.empty() : waitFor;
    }

    /** {@code function} with no arguments, tables or requirements, answered once accepted. */
    public static CallRequest of(String function) {
        return new CallRequest(function, DEFAULT_ARGS, Map.of(), List.of(), Optional.empty());
    }

    public CallRequest withArgs(String json) {
        return new CallRequest(function, json, tables, requirements, waitFor);
    }

    public CallRequest withTable(String name, TableInput table) {
        Map<String, TableInput> more = new LinkedHashMap<>(tables);
        more.put(name, table);
        return new CallRequest(function, argsJson, more, requirements, waitFor);
    }

    public CallRequest requiring(String... tags) {
        return new CallRequest(function, argsJson, tables, List.of(tags), waitFor);
    }

    public CallRequest waitingUpTo(Duration duration) {
        return new CallRequest(function, argsJson, tables, requirements, Optional.of(duration));
    }

    /** An input table: its format and its text. */
    public record TableInput(String format, String content) {

        public TableInput {
            if (format == null || format.isBlank()) {
                throw new IllegalArgumentException("table format must not be blank");
            }
            if (content == null) {
                throw new IllegalArgumentException("table content must not be null");
            }
        }
    }
}
