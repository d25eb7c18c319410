package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.Priority;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ShareConsumer;

/**
 * A lane's share consumers: one per capability topic its node serves (see {@link TopicConsumer} for why not one for
 * several), by priority level, each made when its topic first appears and unsubscribed when the node stops serving it.
 */
final class LaneConsumers {

    private final Function<String, ShareConsumer<byte[], byte[]>> newConsumer;
    private final LaneContext ctx;
    /** By level, a consumer per topic, in name order. */
    private final Map<Priority, Map<String, TopicConsumer>> byLevel = new EnumMap<>(Priority.class);

    /** @param newConsumer a new member of the executors' share group, for one topic */
    LaneConsumers(Function<String, ShareConsumer<byte[], byte[]>> newConsumer, LaneContext ctx) {
        this.newConsumer = newConsumer;
        this.ctx = ctx;
    }

    /** Has a consumer follow each topic the node serves now, and none follow another; false while there are none. */
    boolean follow() {
        boolean any = false;
        for (Priority level : Priority.values()) {
            Set<String> served = ctx.topics().current(level);
            Map<String, TopicConsumer> ofLevel = byLevel.computeIfAbsent(level, l -> new TreeMap<>());
            for (String topic : served) {
                ofLevel.computeIfAbsent(topic, t -> new TopicConsumer(t, newConsumer.apply(t), ctx));
            }
            for (TopicConsumer consumer : ofLevel.values()) {
                if (consumer.follow(served.contains(consumer.topic()))) {
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * The consumers a take looks at, first to last: level by level in {@code levels}, and within a level starting at
     * its {@code turn}-th topic (modulo their number), so that no topic of a level is always polled first. Only those
     * that follow their topic or hold a record.
     */
    List<TopicConsumer> inOrder(List<Priority> levels, long turn) {
        List<TopicConsumer> ordered = new ArrayList<>();
        for (Priority level : levels) {
            List<TopicConsumer> ofLevel =
                    new ArrayList<>(byLevel.getOrDefault(level, Map.of()).values());
            ofLevel.removeIf(consumer -> !consumer.following() && !consumer.holds());
            if (ofLevel.size() > 1) {
                Collections.rotate(ofLevel, (int) -(turn % ofLevel.size()));
            }
            ordered.addAll(ofLevel);
        }
        return ordered;
    }

    /** Every consumer made so far. */
    List<TopicConsumer> all() {
        List<TopicConsumer> all = new ArrayList<>();
        byLevel.values().forEach(ofLevel -> all.addAll(ofLevel.values()));
        return all;
    }
}
