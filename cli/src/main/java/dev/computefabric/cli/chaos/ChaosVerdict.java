package dev.computefabric.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        ChaosReport.printTable(this, out);
    }

    String json() {
        return ChaosReport.json(this);
    }
}
