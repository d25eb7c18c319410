package dev.computefabric.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.schemas.IdempotencyKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The checks of a chaos run over every call, against what the fabric recorded: each accepted call ended exactly
 * once; each answer a caller got is the one its status holds; no call failed because its input table was gone.
 */
record ChaosVerdict(
        int calls,
        int accepted,
        int acceptedUnanswered,
        int retried,
        int refused,
        Map<String, Integer> refusedBecause,
        int terminal,
        int lost,
        int endedTwice,
        int answered,
        int answeredTwice,
        int answeredDifferently,
        int repeatedReplies,
        int tableInputsGone,
        double executionsMean,
        int executionsMax,
        int executedMoreThanOnce,
        Map<String, Integer> finalStates,
        List<Fault> faults,
        List<String> broken,
        Duration took) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** No call lost, none ended twice, no caller answered twice or differently, no live input deleted. */
    boolean holds() {
        return lost == 0 && endedTwice == 0 && answeredTwice == 0 && answeredDifferently == 0 && tableInputsGone == 0;
    }

    /** How many of the calls that broke the promise the verdict names, to start from. */
    static final int BROKEN_NAMED = 20;

    static ChaosVerdict of(List<TrackedCall> tracked, Ledger ledger, List<Fault> faults, Duration took) {
        List<String> broken = new ArrayList<>();
        int accepted = 0;
        int unanswered = 0;
        int retried = 0;
        int refused = 0;
        Map<String, Integer> refusedBecause = new TreeMap<>();
        int terminal = 0;
        int lost = 0;
        int endedTwice = 0;
        int answered = 0;
        int answeredTwice = 0;
        int answeredDifferently = 0;
        int repeatedReplies = 0;
        int tableInputsGone = 0;
        long executions = 0;
        int executionsMax = 0;
        int executedMoreThanOnce = 0;
        Map<String, Integer> states = new TreeMap<>();
        for (TrackedCall call : tracked) {
            if (call.retries() > 0) {
                retried++;
            }
            String callId = callIdOf(call, ledger);
            if (callId == null) {
                refused++;
                refusedBecause.merge(refusal(call), 1, Integer::sum);
                continue;
            }
            accepted++;
            if (call.submission() != TrackedCall.Submission.ACCEPTED) {
                unanswered++;
            }
            Ledger.History history = ledger.history(callId);
            if (history == null || !history.ended()) {
                lost++;
                name(broken, "lost", call, callId, ledger);
                continue;
            }
            terminal++;
            CallStatus last = history.last();
            states.merge(last.getState().name(), 1, Integer::sum);
            if (history.terminalStates() > 1) {
                endedTwice++;
                name(broken, "ended twice", call, callId, ledger);
            }
            repeatedReplies += call.repeatedReplies();
            List<TrackedCall.Answer> answers = call.answers();
            if (!answers.isEmpty()) {
                answered++;
            }
            if (answers.size() > 1) {
                answeredTwice++;
                name(broken, "answered twice", call, callId, ledger);
            }
            for (TrackedCall.Answer answer : answers) {
                if (!sameAnswer(answer, last)) {
                    answeredDifferently++;
                    name(broken, "answered differently", call, callId, ledger);
                    break;
                }
            }
            if (call.kind == CallKind.TABLE && inputWasGone(last)) {
                tableInputsGone++;
            }
            int runs = ledger.executions(callId);
            executions += runs;
            executionsMax = Math.max(executionsMax, runs);
            if (runs > 1) {
                executedMoreThanOnce++;
            }
        }
        return new ChaosVerdict(
                tracked.size(),
                accepted,
                unanswered,
                retried,
                refused,
                refusedBecause,
                terminal,
                lost,
                endedTwice,
                answered,
                answeredTwice,
                answeredDifferently,
                repeatedReplies,
                tableInputsGone,
                terminal == 0 ? 0 : (double) executions / terminal,
                executionsMax,
                executedMoreThanOnce,
                states,
                faults,
                broken,
                took);
    }

    private static void name(List<String> broken, String what, TrackedCall call, String callId, Ledger ledger) {
        if (broken.size() >= BROKEN_NAMED) {
            return;
        }
        Ledger.History history = ledger.history(callId);
        broken.add(what + ": call " + callId + " (" + call.kind + " over " + call.route + ", " + call.chaosId
                + "), statuses "
                + (history == null
                        ? "none"
                        : history.statuses().stream()
                                .map(status -> status.getState().name())
                                .toList())
                + ", answers " + call.answers() + ", executions " + ledger.executions(callId));
    }

    private static String refusal(TrackedCall call) {
        return switch (call.submission()) {
            case REFUSED -> call.refusal() == null ? "refused" : call.refusal();
            case UNKNOWN -> "cut off, never published";
            case NOT_SENT -> "not sent";
            // A cached call's caller cut off: the status names the call that ran, not this one.
            case ACCEPTED -> "accepted, no status of its own";
        };
    }

    /** The id the caller got, or the one a status carrying the call's chaos id names (a caller cut off). */
    static String callIdOf(TrackedCall call, Ledger ledger) {
        if (call.callId() != null && call.submission() == TrackedCall.Submission.ACCEPTED) {
            return call.callId();
        }
        if (call.callId() != null && ledger.history(call.callId()) != null) {
            return call.callId();
        }
        if (call.route.equals("http")) {
            // Sent with its chaos id as Idempotency-Key, which decides the call id.
            String keyed = IdempotencyKeys.callId(call.chaosId);
            return ledger.history(keyed) != null ? keyed : null;
        }
        return ledger.callIdOf(call.chaosId);
    }

    private static boolean sameAnswer(TrackedCall.Answer answer, CallStatus status) {
        if (!answer.state().equals(status.getState().name())) {
            return false;
        }
        String kept = status.getResult() == null ? null : status.getResult().getOutput();
        return Objects.equals(tree(answer.output()), tree(kept));
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static boolean inputWasGone(CallStatus status) {
        var result = status.getResult();
        var error = result == null ? null : result.getError();
        return error != null && error.getMessage() != null && error.getMessage().contains("does not exist");
    }

    void printTable(PrintStream out) {
        out.println();
        out.printf("%-34s %12s%n", "chaos run", "");
        row(out, "calls sent", calls);
        row(out, "accepted", accepted);
        row(out, "  of which the caller was cut off", acceptedUnanswered);
        row(out, "sent again under the same key", retried);
        row(out, "not accepted", refused);
        refusedBecause.forEach((reason, count) -> row(out, "  " + reason, count));
        row(out, "reached a terminal state", terminal);
        row(out, "LOST", lost);
        row(out, "ended twice, differently", endedTwice);
        row(out, "callers answered", answered);
        row(out, "ANSWERED TWICE", answeredTwice);
        row(out, "ANSWERED DIFFERENTLY", answeredDifferently);
        row(out, "replies repeated (same answer)", repeatedReplies);
        row(out, "table calls whose input was gone", tableInputsGone);
        out.printf("%-34s %12.3f%n", "executions per call, mean", executionsMean);
        row(out, "executions per call, max", executionsMax);
        row(out, "calls executed more than once", executedMoreThanOnce);
        out.printf("%-34s %12s%n", "final states", finalStates);
        out.printf("%-34s %12.1f%n", "run took, s", took.toMillis() / 1000.0);
        out.println();
        out.printf("%-20s %-12s %10s %14s %16s%n", "fault", "target", "at, s", "healed after, s", "its calls rerun, s");
        Fault first = faults.stream().min((a, b) -> a.at().compareTo(b.at())).orElse(null);
        for (Fault fault :
                faults.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList()) {
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
        broken.forEach(line -> out.println("  " + line));
        out.println(holds() ? "chaos: nothing lost, no caller answered twice" : "chaos: THE PROMISE DID NOT HOLD");
    }

    /** One line of JSON with the keys the issue names. */
    String json() {
        ObjectNode line = JSON.createObjectNode();
        ArrayNode faultList = line.putArray("faults");
        ObjectNode heal = JSON.createObjectNode();
        for (Fault fault : faults) {
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
        line.put("calls", calls)
                .put("accepted", accepted)
                .put("accepted_caller_cut_off", acceptedUnanswered)
                .put("retried", retried)
                .put("not_accepted", refused)
                .set("not_accepted_because", JSON.valueToTree(refusedBecause));
        line.put("terminal", terminal)
                .put("lost", lost)
                .put("ended_twice", endedTwice)
                .put("answered", answered)
                .put("answered_twice", answeredTwice + answeredDifferently)
                .put("answered_differently", answeredDifferently)
                .put("repeated_reply_records", repeatedReplies)
                .put("table_inputs_gone", tableInputsGone);
        line.putObject("executions_per_call")
                .put("mean", Math.round(executionsMean * 1000) / 1000.0)
                .put("max", executionsMax)
                .put("more_than_once", executedMoreThanOnce);
        line.set("heal_seconds", heal);
        ObjectNode states = line.putObject("final_states");
        finalStates.forEach(states::put);
        line.put("seconds", took.toMillis() / 1000.0).put("holds", holds());
        return line.toString();
    }

    private static void row(PrintStream out, String label, long value) {
        out.printf("%-34s %12d%n", label, value);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format("%.1f", duration.toMillis() / 1000.0);
    }
}
