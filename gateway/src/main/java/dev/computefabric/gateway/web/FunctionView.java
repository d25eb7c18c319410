package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A function as {@code GET /v1/functions} shows it: what to call it with, what it returns, where it runs, and the
 * live nodes that offer it now.
 *
 * @param signature    one line, e.g. {@code summarize(sales: dataframe, column: string = "amount") -> total: double}
 * @param capabilities the capability tags it needs; a call that names no requirements goes to their topic
 * @param inputs       null when the function declares no signature: it takes any arguments
 * @param available    whether a live node offers it now; a call to an unavailable function is queued anyway
 * @param freeSlots    free slots on the live nodes that offer it
 * @param nodes        the live nodes that offer it (stale and departed nodes are not listed)
 */
@JsonPropertyOrder({
    "name",
    "signature",
    "description",
    "language",
    "capabilities",
    "inputs",
    "outputs",
    "available",
    "freeSlots",
    "nodes"
})
public record FunctionView(
        String name,
        String signature,
        String description,
        String language,
        List<String> capabilities,
        List<ParamView> inputs,
        List<ParamView> outputs,
        boolean available,
        int freeSlots,
        List<NodeView> nodes) {

    /** {@code GET /v1/functions}: every function, by name. */
    public record Listing(List<FunctionView> functions) {}

    /**
     * One input or output.
     *
     * @param type     {@code int}, {@code double}, {@code string}, {@code bool}, {@code json} or {@code dataframe}
     * @param in       where a call sends it: {@code args}, or {@code tables} for a dataframe (outputs: null)
     * @param required whether a call must send it (no default, not optional)
     * @param defaultValue the value the gateway fills in when a call leaves the input out
     */
    @JsonPropertyOrder({"name", "type", "in", "required", "default", "description"})
    public record ParamView(
            String name,
            String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) String in,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean required,

            @com.fasterxml.jackson.annotation.JsonProperty("default") @JsonInclude(JsonInclude.Include.NON_NULL)
            JsonNode defaultValue,

            @JsonInclude(JsonInclude.Include.NON_NULL) String description) {}

    /** A live node that offers the function: its slots, how many were free, when it last said so. */
    @JsonPropertyOrder({"executorId", "slots", "freeSlots", "lastSeen"})
    public record NodeView(String executorId, int slots, int freeSlots, String lastSeen) {}
}
