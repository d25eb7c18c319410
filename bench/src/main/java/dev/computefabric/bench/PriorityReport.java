package dev.computefabric.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * {@code priority}: how long probe calls behind a backlog waited to start, as NORMAL calls and as HIGH ones.
 *
 * @param backlog  NORMAL sleeps queued before the probes
 * @param probes   probe calls per round
 * @param sleepMs  each call's sleep
 * @param slots    the fabric's slots
 * @param without  the probes as NORMAL calls
 * @param with     the probes as HIGH calls
 */
record PriorityReport(
        int backlog, int probes, long sleepMs, double slots, PriorityWait.Round without, PriorityWait.Round with)
        implements Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String json() {
        ObjectNode line = JSON.createObjectNode()
                .put("scenario", "priority")
                .put("path", "kafka")
                .put("backlog", backlog)
                .put("probes", probes)
                .put("sleep_ms", sleepMs);
        BenchReport.number(line, "slots", slots);
        round(line.putObject("no_priority"), without);
        round(line.putObject("high"), with);
        return line.toString();
    }

    @Override
    public void printTable(PrintStream out) {
        out.printf(
                "priority: %d probe calls behind %d NORMAL sleeps of %d ms on %.0f slots (over Kafka)%n",
                probes, backlog, sleepMs, slots);
        out.printf(
                "%-12s %13s %13s %13s %12s %12s%n",
                "probes", "wait p50 ms", "wait p99 ms", "wait max ms", "backlog s", "slot p50 ms");
        row(out, "NORMAL", without);
        row(out, "HIGH", with);
    }

    private static void row(PrintStream out, String name, PriorityWait.Round round) {
        out.printf(
                "%-12s %13.1f %13.1f %13.1f %12.2f %12.1f%n",
                name,
                round.waits().p50Ms(),
                round.waits().p99Ms(),
                round.waits().p999Ms(),
                round.backlogSeconds(),
                round.slotMs());
    }

    private static void round(ObjectNode node, PriorityWait.Round round) {
        BenchReport.number(node, "wait_p50_ms", round.waits().p50Ms());
        BenchReport.number(node, "wait_p99_ms", round.waits().p99Ms());
        BenchReport.number(node, "wait_max_ms", round.waits().p999Ms());
        BenchReport.number(node, "backlog_s", round.backlogSeconds());
        BenchReport.number(node, "slot_p50_ms", round.slotMs());
    }
}
