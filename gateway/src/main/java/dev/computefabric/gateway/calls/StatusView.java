package dev.computefabric.gateway.calls;

/**
 * This gateway's view of every call's latest status, fed from {@code fabric.status}. A named holder so that
 * Spring can tell it apart from the {@link RecentCalls} of calls this gateway accepted.
 */
public record StatusView(RecentCalls calls) {}
