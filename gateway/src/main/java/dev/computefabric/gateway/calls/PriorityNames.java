package dev.computefabric.gateway.calls;

import dev.computefabric.avro.Priority;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Priorities as callers and operators write them: {@code high}, {@code normal}, {@code low}, in any case. */
public final class PriorityNames {

    private PriorityNames() {}

    /** The level {@code name} names, in any case; empty when it names none. */
    public static Optional<Priority> parse(String name) {
        return Arrays.stream(Priority.values())
                .filter(level -> level.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Every level's name in lower case, each between {@code quote}s, joined by ", ": for a message saying what to write. */
    public static String levels(String quote) {
        return Arrays.stream(Priority.values())
                .map(level -> quote + level.name().toLowerCase(Locale.ROOT) + quote)
                .collect(Collectors.joining(", "));
    }
}
