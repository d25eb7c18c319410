package dev.computefabric.executor.it;

import dev.computefabric.avro.FuncResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How many calls ran at once on one executor, from the results' startedAt and finishedAt. */
final class Concurrency {

    private Concurrency() {}

    /**
     * The most calls running at the same instant. A call's slots are freed after its finishedAt and the next
     * call's startedAt is taken after it acquired them, so an end and a start at the same millisecond are
     * ordered end first.
     */
    static int highWaterMark(List<FuncResult> results) {
        record Edge(long at, int delta) {}
        List<Edge> edges = new ArrayList<>();
        for (FuncResult result : results) {
            edges.add(new Edge(result.getStartedAt().toEpochMilli(), +1));
            edges.add(new Edge(result.getFinishedAt().toEpochMilli(), -1));
        }
        edges.sort(Comparator.comparingLong(Edge::at).thenComparingInt(Edge::delta));
        int running = 0;
        int most = 0;
        for (Edge edge : edges) {
            running += edge.delta();
            most = Math.max(most, running);
        }
        return most;
    }
}
