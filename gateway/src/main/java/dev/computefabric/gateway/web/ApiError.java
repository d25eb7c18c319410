package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The one shape of every error the gateway answers: a stable code and what to do about it; some errors add what
 * a program needs to act on them.
 *
 * @param argument    {@code bad_arguments} only: the argument or table that does not fit the signature
 * @param suggestions {@code function_not_found} only: the closest known function names, the closest first
 * @param problems    {@code invalid_pipeline} only: every problem of the pipeline, each saying what to fix
 */
@JsonPropertyOrder({"error", "message", "argument", "suggestions", "problems"})
public record ApiError(
        String error,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) String argument,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> suggestions,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> problems) {

    public ApiError(String error, String message) {
        this(error, message, null, null, null);
    }

    public ApiError(String error, String message, String argument, List<String> suggestions) {
        this(error, message, argument, suggestions, null);
    }
}
