package dev.computefabric.gateway.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console table's change stream: every change to a call that matches a subscriber's filter (before or
 * after the change, so that a row leaving the filter is removed), coalesced per call and handed over in
 * batches by {@link #flush()}. A subscriber that falls more than {@link #MAX_PENDING} calls behind is told to
 * reload instead ({@link Batch#reset()}), so a slow client costs bounded memory.
 */
public final class ChangeFeed implements Consumer<CallIndex.Change> {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    public static final int MAX_PENDING = 10_000;
    /** Flushes without news after which a subscriber gets an empty batch: a keep-alive that also finds gone clients. */
    static final int KEEP_ALIVE_FLUSHES = 60;

    /** Rows changed since the last batch (newest version of each), calls removed, or a reset. */
    public record Batch(List<CallRow> rows, List<String> removed, boolean reset) {

        public boolean isEmpty() {
            return rows.isEmpty() && removed.isEmpty() && !reset;
        }
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /** One client of the stream; closing it unsubscribes. */
    public final class Subscription implements AutoCloseable {

        private final Predicate<CallRow> filter;
        private final Consumer<Batch> sink;
        private Map<String, CallRow> pending = new LinkedHashMap<>();
        private List<String> removed = new ArrayList<>();
        private boolean overflow;
        private int quietFlushes;

        private Subscription(Predicate<CallRow> filter, Consumer<Batch> sink) {
            this.filter = filter;
            this.sink = sink;
        }

        private synchronized void offer(CallIndex.Change change) {
            if (overflow || !(matches(change.before()) || matches(change.after()))) {
                return;
            }
            if (change.after() == null) {
                pending.remove(change.before().callId());
                removed.add(change.before().callId());
            } else {
                pending.put(change.after().callId(), change.after());
            }
            if (pending.size() + removed.size() > MAX_PENDING) {
                overflow = true;
                pending = new LinkedHashMap<>();
                removed = new ArrayList<>();
            }
        }

        private boolean matches(CallRow row) {
            return row != null && filter.test(row);
        }

        private synchronized Batch take() {
            Batch batch = new Batch(List.copyOf(pending.values()), List.copyOf(removed), overflow);
            pending = new LinkedHashMap<>();
            removed = new ArrayList<>();
            overflow = false;
            return batch;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    public Subscription subscribe(Predicate<CallRow> filter, Consumer<Batch> sink) {
        Subscription subscription = new Subscription(filter, sink);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public void accept(CallIndex.Change change) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(change);
        }
    }

    /**
     * Hands each subscriber what changed since the last flush; subscribers with nothing new get nothing, except an
     * empty batch every {@link #KEEP_ALIVE_FLUSHES} flushes. Sinks run on the caller's thread, one after another. A
     * sink that throws loses its subscription, never the others' batches: a failing subscriber would otherwise fail
     * every flush, and (were the timer's task not {@code Periodic}) freeze every console table of the gateway.
     */
    public void flush() {
        for (Subscription subscription : subscriptions) {
            Batch batch = subscription.take();
            if (!batch.isEmpty() || ++subscription.quietFlushes >= KEEP_ALIVE_FLUSHES) {
                subscription.quietFlushes = 0;
                try {
                    subscription.sink.accept(batch);
                } catch (RuntimeException e) {
                    log.warn("change stream subscriber failed and was dropped: {}", e.toString(), e);
                    subscription.close();
                }
            }
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }
}
