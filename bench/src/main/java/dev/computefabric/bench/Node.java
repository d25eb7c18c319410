package dev.computefabric.bench;

import java.util.List;

/**
 * An executor of a benchmark: its id, slots and slowdown (the {@code sleep} function on it takes that many
 * times longer, a simulated slower machine: {@code executor --slowdown}).
 */
record Node(String id, int slots, double slowdown) {

    Node {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + slots);
        }
        if (!(slowdown >= 1.0)) {
            throw new IllegalArgumentException("slowdown must be >= 1, got " + slowdown);
        }
    }

    /** What the node gets done per unit of time, in slots of a full-speed node. */
    double capacity() {
        return slots / slowdown;
    }

    /** The nodes' joint capacity in full-speed slots. */
    static double capacity(List<Node> nodes) {
        return nodes.stream().mapToDouble(Node::capacity).sum();
    }

    /**
     * The shortest possible makespan of {@code calls} sleeps of {@code ms} each on this capacity, if work
     * split perfectly and cost nothing to hand out: {@code calls * ms / capacity}.
     */
    static double idealSeconds(int calls, long ms, double capacity) {
        return calls * (ms / 1000.0) / capacity;
    }
}
