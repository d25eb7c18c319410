package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.Priority;
import java.util.List;

/**
 * The order in which a lane looks at the priority levels for its next call: HIGH, NORMAL, LOW, except that every
 * {@code fairEvery}-th take looks at the lower levels first (LOW and NORMAL by turns). A steady stream of higher
 * calls therefore cannot starve lower ones: with every level backlogged, a lane gives LOW and NORMAL each at least
 * one take in {@code 2 × fairEvery}, and a level with nothing queued costs the others nothing.
 */
final class TakeOrder {

    private static final List<Priority> STRICT = List.of(Priority.HIGH, Priority.NORMAL, Priority.LOW);
    private static final List<Priority> LOW_FIRST = List.of(Priority.LOW, Priority.NORMAL, Priority.HIGH);
    private static final List<Priority> NORMAL_FIRST = List.of(Priority.NORMAL, Priority.LOW, Priority.HIGH);

    private final int fairEvery;
    private long takes;

    /** @param fairEvery at least 2 ({@link ShareDispatchOptions} checks it) */
    TakeOrder(int fairEvery) {
        this.fairEvery = fairEvery;
    }

    /** The levels to look at, first to last, for the next take. */
    List<Priority> next() {
        if (takes % fairEvery != fairEvery - 1) {
            return STRICT;
        }
        return (takes / fairEvery) % 2 == 0 ? LOW_FIRST : NORMAL_FIRST;
    }

    /** How many takes were counted: also where a level's topics start at the next one ({@link LaneConsumers}). */
    long taken() {
        return takes;
    }

    /** Counts a take: a call was acquired, whichever level it came from. */
    void took() {
        takes++;
    }
}
