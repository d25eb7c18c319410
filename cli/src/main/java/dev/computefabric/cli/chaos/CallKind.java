package dev.computefabric.cli.chaos;

import java.util.Random;

/** What one chaos call does, and how often each kind comes up in the mix. */
enum CallKind {
    /** Answers its arguments at once. */
    ECHO(30, true),
    /** Holds a slot for up to 2 s. */
    SLEEP(25, true),
    /** Describes a stored table named by its hash: the retention sweep must keep it while the call is live. */
    TABLE(10, false),
    /** Echo with a cache TTL over a few distinct arguments: most are answered from the cache. */
    CACHED(15, false),
    /** A 2 s sleep cancelled shortly after it was accepted. */
    CANCEL(10, false),
    /** A 2 s sleep with a 0.5 s deadline: it times out. */
    DEADLINE(10, true);

    static final long MAX_SLEEP_MS = 2_000;
    static final long DEADLINE_MS = 500;

    private final int weight;
    private final boolean overKafkaToo;

    CallKind(int weight, boolean overKafkaToo) {
        this.weight = weight;
        this.overKafkaToo = overKafkaToo;
    }

    /** Kinds a Kafka-native caller sends too (the others need the gateway: uploads, cache, cancel over HTTP). */
    boolean overKafkaToo() {
        return overKafkaToo;
    }

    static CallKind pick(Random random) {
        int total = 0;
        for (CallKind kind : values()) {
            total += kind.weight;
        }
        int at = random.nextInt(total);
        for (CallKind kind : values()) {
            at -= kind.weight;
            if (at < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }
}
