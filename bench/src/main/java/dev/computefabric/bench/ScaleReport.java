package dev.computefabric.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code scale}: the same sleep run on fabrics of 1, 2 and 4 executors. I/O-bound calls should complete in proportion
 * to the executors: the speed-up of each run is its calls/s over the first run's, against the executor ratio.
 *
 * @param executors executors of each run, in order
 * @param runs      the sleep report of each run
 */
record ScaleReport(List<Integer> executors, List<BenchReport> runs) implements Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    ScaleReport {
        if (executors.size() != runs.size() || runs.isEmpty()) {
            throw new IllegalArgumentException(
                    "one run per executor count, got " + executors + " and " + runs.size() + " runs");
        }
        executors = List.copyOf(executors);
        runs = List.copyOf(runs);
    }

    double callsPerSecond(int run) {
        return runs.get(run).fabric().run().callsPerSecond();
    }

    /** Calls/s of run {@code run} over the first run's. */
    double speedUp(int run) {
        return callsPerSecond(run) / callsPerSecond(0);
    }

    /** The speed-up over the executor ratio: 1.0 is linear. */
    double linearity(int run) {
        return speedUp(run) / ((double) executors.get(run) / executors.get(0));
    }

    @Override
    public String json() {
        ObjectNode line = JSON.createObjectNode().put("scenario", "scale");
        ArrayNode rows = line.putArray("runs");
        for (int i = 0; i < runs.size(); i++) {
            Figures fabric = runs.get(i).fabric();
            ObjectNode row = rows.addObject().put("executors", executors.get(i));
            BenchReport.number(row, "calls_per_s", callsPerSecond(i));
            BenchReport.number(row, "seconds", fabric.run().seconds());
            BenchReport.number(row, "efficiency", fabric.efficiency());
            BenchReport.number(row, "speed_up", speedUp(i));
            BenchReport.number(row, "linearity", linearity(i));
        }
        return line.toString();
    }

    @Override
    public void printTable(PrintStream out) {
        out.printf(
                "%-10s %10s %9s %11s %9s %10s%n",
                "executors", "calls/s", "seconds", "efficiency", "speed-up", "linearity");
        for (int i = 0; i < runs.size(); i++) {
            out.printf(
                    "%-10d %10.1f %9.2f %11.3f %8.2fx %10.2f%n",
                    executors.get(i),
                    callsPerSecond(i),
                    runs.get(i).fabric().run().seconds(),
                    runs.get(i).fabric().efficiency(),
                    speedUp(i),
                    linearity(i));
        }
    }
}
