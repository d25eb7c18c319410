package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The one shape of every error the gateway answers: a stable code and what to do about it. */
@JsonPropertyOrder({"error", "message"})
public record ApiError(String error, String message) {}
