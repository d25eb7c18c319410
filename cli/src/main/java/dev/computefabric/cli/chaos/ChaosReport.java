package dev.computefabric.cli.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;

/** How a {@link ChaosVerdict} is shown: the table for people, one line of JSON for scripts. */
final class ChaosReport {

    private ChaosReport() {}

    /** The table {@code ./fabric chaos} prints, and a run that failed its first broken calls. */
    static void printTable(ChaosVerdict verdict, PrintStream out) {
        out.println();
        out.printf("%-34s %12s%n", "chaos run", "");
        row(out, "calls sent", verdict.calls());
        row(out, "accepted", verdict.accepted());
        row(out, "  of which the caller was cut off", verdict.acceptedUnanswered());
        row(out, "sent again under the same key", verdict.retried());
        row(out, "not accepted", verdict.refused());
        verdict.refusedBecause().forEach((reason, count) -> row(out, "  " + reason, count));
        row(out, "reached a terminal state", verdict.terminal());
        row(out, "LOST", verdict.lost());
        row(out, "ended twice, differently", verdict.endedTwice());
        row(out, "callers answered", verdict.answered());
        row(out, "ANSWERED TWICE", verdict.answeredTwice());
        row(out, "ANSWERED DIFFERENTLY", verdict.answeredDifferently());
        row(out, "replies repeated (same answer)", verdict.repeatedReplies());
        row(out, "table calls whose input was gone", verdict.tableInputsGone());
        out.printf("%-34s %12.3f%n", "executions per call, mean", verdict.executionsMean());
        row(out, "executions per call, max", verdict.executionsMax());
        row(out, "calls executed more than once", verdict.executedMoreThanOnce());
        out.printf("%-34s %12s%n", "final states", verdict.finalStates());
        out.printf("%-34s %12.1f%n", "run took, s", verdict.took().toMillis() / 1000.0);
        out.println();
        out.printf("%-20s %-12s %10s %14s %16s%n", "fault", "target", "at, s", "healed after, s", "its calls rerun, s");
        Fault first = verdict.faults().stream()
                .min((a, b) -> a.at().compareTo(b.at()))
                .orElse(null);
        for (Fault fault : verdict.faults().stream()
                .sorted((a, b) -> a.at().compareTo(b.at()))
                .toList()) {
            out.printf(
                    "%-20s %-12s %10.1f %14s %16s%n",
                    fault.kind().label,
                    fault.target(),
                    first == null
                            ? 0.0
                            : Duration.between(first.at(), fault.at()).toMillis() / 1000.0,
                    seconds(fault.healTime()),
                    seconds(fault.callsRerun()));
        }
        out.println();
        verdict.broken().forEach(line -> out.println("  " + line));
        out.println(
                verdict.holds() ? "chaos: nothing lost, no caller answered twice" : "chaos: THE PROMISE DID NOT HOLD");
    }

    /** One line of JSON with the keys the issue names. */
    static String json(ChaosVerdict verdict) {
        ObjectNode line = ChaosVerdict.JSON.createObjectNode();
        ArrayNode faultList = line.putArray("faults");
        ObjectNode heal = ChaosVerdict.JSON.createObjectNode();
        for (Fault fault : verdict.faults()) {
            faultList
                    .addObject()
                    .put("kind", fault.kind().name())
                    .put("target", fault.target())
                    .put(
                            "heal_seconds",
                            fault.healTime() == null ? null : fault.healTime().toMillis() / 1000.0)
                    .put(
                            "calls_rerun_seconds",
                            fault.callsRerun() == null
                                    ? null
                                    : fault.callsRerun().toMillis() / 1000.0);
            heal.put(
                    fault.kind().name(),
                    fault.healTime() == null ? null : fault.healTime().toMillis() / 1000.0);
        }
        line.put("calls", verdict.calls())
                .put("accepted", verdict.accepted())
                .put("accepted_caller_cut_off", verdict.acceptedUnanswered())
                .put("retried", verdict.retried())
                .put("not_accepted", verdict.refused())
                .set("not_accepted_because", ChaosVerdict.JSON.valueToTree(verdict.refusedBecause()));
        line.put("terminal", verdict.terminal())
                .put("lost", verdict.lost())
                .put("ended_twice", verdict.endedTwice())
                .put("answered", verdict.answered())
                .put("answered_twice", verdict.answeredTwice() + verdict.answeredDifferently())
                .put("answered_differently", verdict.answeredDifferently())
                .put("repeated_reply_records", verdict.repeatedReplies())
                .put("table_inputs_gone", verdict.tableInputsGone());
        line.putObject("executions_per_call")
                .put("mean", Math.round(verdict.executionsMean() * 1000) / 1000.0)
                .put("max", verdict.executionsMax())
                .put("more_than_once", verdict.executedMoreThanOnce());
        line.set("heal_seconds", heal);
        ObjectNode states = line.putObject("final_states");
        verdict.finalStates().forEach(states::put);
        line.put("seconds", verdict.took().toMillis() / 1000.0).put("holds", verdict.holds());
        return line.toString();
    }

    private static void row(PrintStream out, String label, long value) {
        out.printf("%-34s %12d%n", label, value);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format("%.1f", duration.toMillis() / 1000.0);
    }
}
