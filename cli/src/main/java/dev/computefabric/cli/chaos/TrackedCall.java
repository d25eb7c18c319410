package dev.computefabric.cli.chaos;

import java.util.ArrayList;
import java.util.List;

/** One call of a chaos run as its caller saw it: whether it was accepted, its id, every answer it got. */
final class TrackedCall {

    /** What the caller learnt when it submitted. */
    enum Submission {
        NOT_SENT,
        /** Acknowledged: a 200/202 with the call id, or a Kafka write the brokers acknowledged. */
        ACCEPTED,
        /** Refused with an answer (4xx/5xx) or a connection that could not be opened: not accepted. */
        REFUSED,
        /** The connection broke before an answer: accepted or not, only {@code fabric.status} can tell. */
        UNKNOWN
    }

    /** An answer a caller got: the terminal state and the output (JSON text, null when none). */
    record Answer(String state, String output) {}

    final int index;
    final CallKind kind;
    final String route;
    /** In the call's arguments, so that its status can be found even when the caller never learnt the call id. */
    final String chaosId;

    private Submission submission = Submission.NOT_SENT;
    private String callId;
    private String refusal;
    private int retries;
    private int repeatedReplies;
    private final List<Answer> answers = new ArrayList<>();

    TrackedCall(int index, CallKind kind, String route, String chaosId) {
        this.index = index;
        this.kind = kind;
        this.route = route;
        this.chaosId = chaosId;
    }

    synchronized void submitted(Submission outcome, String id) {
        submission = outcome;
        if (id != null) {
            callId = id;
        }
    }

    /** Not accepted, and why: {@code "HTTP 503"}, {@code "connection refused"}, ... */
    synchronized void refused(String reason) {
        submission = Submission.REFUSED;
        refusal = reason;
    }

    /** The caller sent it again (same idempotency key) after a refusal, a 503 or a broken connection. */
    synchronized void retried() {
        retries++;
    }

    synchronized int retries() {
        return retries;
    }

    /** Why the call was not accepted; null when it was, or when its caller never heard. */
    synchronized String refusal() {
        return refusal;
    }

    synchronized void answered(Answer answer) {
        answers.add(answer);
    }

    /**
     * A reply record for this call on a Kafka caller's reply topic: an answer, unless it repeats the one already
     * there. An at-least-once router that crashed between sending a reply and committing sends it again; a caller
     * completes each call once (the Java SDK and the gateways do), so a repeat is counted apart, not as an answer.
     */
    synchronized void replied(Answer answer) {
        if (answers.contains(answer)) {
            repeatedReplies++;
        } else {
            answers.add(answer);
        }
    }

    synchronized int repeatedReplies() {
        return repeatedReplies;
    }

    synchronized Submission submission() {
        return submission;
    }

    synchronized String callId() {
        return callId;
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }
}
