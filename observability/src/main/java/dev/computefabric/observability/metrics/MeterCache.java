package dev.computefabric.observability.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one series, one per combination of its tag values, each built and registered once. A Micrometer
 * builder copies and sorts its tags and looks the meter up in the registry every time it registers; the series
 * counted once per call (calls ended, results, latencies) paid that on every call.
 *
 * <pre>{@code
 * record Tags(String function, String state) {}
 * MeterCache<Tags, Counter> ended = new MeterCache<>(tags -> Counter.builder("calls.ended")
 *         .tag("function", tags.function()).tag("state", tags.state()).register(registry));
 * ended.get(new Tags("echo", "FINISHED")).increment();
 * }</pre>
 *
 * @param <K> the tag values, a record (equal values, same meter)
 * @param <M> the meter type
 */
public final class MeterCache<K, M> {

    private final Map<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> register;

    /** @param register builds and registers the meter for tag values not seen before */
    public MeterCache(Function<K, M> register) {
        this.register = register;
    }

    public M get(K tags) {
        M meter = meters.get(tags);
        return meter != null ? meter : meters.computeIfAbsent(tags, register);
    }
}
