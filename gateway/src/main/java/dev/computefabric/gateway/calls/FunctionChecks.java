package dev.computefabric.gateway.calls;

import dev.computefabric.gateway.catalog.FunctionCatalogView;
import dev.computefabric.gateway.catalog.KnownFunction;
import dev.computefabric.gateway.catalog.LiveNode;
import dev.computefabric.gateway.catalog.Signatures;
import dev.computefabric.gateway.catalog.Suggestions;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a submission against the function catalog before anything is queued: an unknown function is refused
 * with the closest known names, arguments that do not fit the signature are refused naming the argument, and a
 * call goes to the capabilities its function declares (plus any the caller asked for). A known function whose
 * nodes are all down is let through with a warning: the call waits in its topic until one comes back.
 *
 * <p>Before refusing, the view is brought up to date with the catalog topics ({@link ViewSync}): a node that
 * published its catalog just before the call must not be missed because this gateway had not read it yet.
 *
 * <p>With {@code enforce} off (fabrics with executors that publish no catalog), a function no node has offered
 * is let through unchecked, as before the catalog existed; known functions are still checked.
 */
public final class FunctionChecks {

    /** How long a refusal waits for the view to catch up before it answers from what it has. */
    public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(3);

    /**
     * What to do about a function nodes stopped offering by default: {@code python} runs code sent in the call, which
     * nodes serve only when started to (anyone reaching the gateway could run anything otherwise).
     */
    static final Map<String, String> WITHDRAWN = Map.of(
            "python",
            "code sent in a call runs only on nodes started with --allow-inline-code; deploy it as a script instead"
                    + " (./fabric executor --scripts DIR, see GET /v1/functions)");

    private static final Logger log = LoggerFactory.getLogger(FunctionChecks.class);

    private final FunctionCatalogView catalog;
    private final ViewSync sync;
    private final boolean enforce;
    private final Duration syncTimeout;
    private final Executor afterCatchUp;

    /**
     * @param afterCatchUp where a submission continues once the view caught up: off the catalog follower's thread,
     *                     which completes the catch-up and must not store tables or write calls
     */
    public FunctionChecks(
            FunctionCatalogView catalog, ViewSync sync, boolean enforce, Duration syncTimeout, Executor afterCatchUp) {
        this.catalog = catalog;
        this.sync = sync;
        this.enforce = enforce;
        this.syncTimeout = syncTimeout;
        this.afterCatchUp = afterCatchUp;
    }

    /** Continues on the thread that completed the catch-up: for tests, whose catch-ups complete at once. */
    public FunctionChecks(FunctionCatalogView catalog, ViewSync sync, boolean enforce, Duration syncTimeout) {
        this(catalog, sync, enforce, syncTimeout, Runnable::run);
    }

    /** Lets every submission through unchanged: for a gateway, or a test, without a catalog. */
    public static FunctionChecks none() {
        return new FunctionChecks(null, ViewSync.NONE, false, DEFAULT_SYNC_TIMEOUT);
    }

    /**
     * The submission as it is to be queued, or a failed future: {@link FunctionNotFoundException},
     * {@link BadArgumentsException}, {@link FunctionMisdeclaredException}.
     */
    public CompletableFuture<Admission> admit(CallSubmission submission) {
        if (catalog == null) {
            return CompletableFuture.completedFuture(Admission.unchanged(submission));
        }
        try {
            return CompletableFuture.completedFuture(decide(submission));
        } catch (FunctionNotFoundException | BadArgumentsException first) {
            return caughtUp().thenApplyAsync(ignored -> decide(submission), afterCatchUp);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The capabilities a call of {@code function} needing {@code requirements} goes to (its function's added), or a
     * failed future with {@link FunctionNotFoundException} or {@link FunctionMisdeclaredException}: a call's checks
     * without its arguments, for a pipeline step, whose arguments may hold references resolved only when it runs.
     */
    public CompletableFuture<Capset> capsetFor(String function, Capset requirements) {
        if (catalog == null) {
            return CompletableFuture.completedFuture(requirements);
        }
        try {
            return CompletableFuture.completedFuture(capsetOrRefuse(function, requirements));
        } catch (FunctionNotFoundException first) {
            return caughtUp().thenApplyAsync(ignored -> capsetOrRefuse(function, requirements), afterCatchUp);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Capset capsetOrRefuse(String function, Capset requirements) {
        Optional<KnownFunction> known = catalog.find(function);
        if (known.isPresent()) {
            return capset(known.get(), requirements);
        }
        if (!enforce) {
            return requirements;
        }
        throw notFound(function);
    }

    /**
     * The function named {@code name}, as {@code GET /v1/functions/{name}} shows it; a failed future with
     * {@link FunctionNotFoundException} if no node offers it (after catching up), whether or not calls are enforced.
     */
    public CompletableFuture<KnownFunction> describe(String name) {
        if (catalog == null) {
            return CompletableFuture.failedFuture(notFound(name));
        }
        Optional<KnownFunction> known = catalog.find(name);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        return caughtUp().thenApplyAsync(ignored -> catalog.find(name).orElseThrow(() -> notFound(name)), afterCatchUp);
    }

    /**
     * Refuses, on the calling thread, a function no node offers when calls are enforced: what a multipart call checks
     * after its {@code call} part, before it reads (and stores) any table.
     *
     * @throws FunctionNotFoundException with the closest names
     */
    public void requireKnown(String function) {
        if (catalog == null || !enforce) {
            return;
        }
        try {
            describe(function).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw Failures.of("look up function '" + function + "'", e);
        }
    }

    private CompletableFuture<Void> caughtUp() {
        return sync.catchUp()
                .orTimeout(syncTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    log.warn(
                            "the function catalog could not be brought up to date ({}); answering from what this"
                                    + " gateway has read",
                            Failures.unwrap(failure).toString());
                    return null;
                });
    }

    private Admission decide(CallSubmission submission) {
        Optional<KnownFunction> known = catalog.find(submission.function());
        if (known.isEmpty()) {
            return unknown(submission);
        }
        KnownFunction function = known.get();
        String args = SignatureCheck.check(
                function.spec(), submission.argsJson(), submission.tables().keySet());
        Capset capset = capset(function, submission.capset());
        List<String> warnings = new ArrayList<>();
        if (function.liveNodes().isEmpty()) {
            warnings.add("no live node offers '" + function.name() + "' now; the call waits in " + Topics.calls(capset)
                    + " until one does");
        } else if (function.liveNodes().stream().noneMatch(node -> node.serves(capset.tags()))) {
            warnings.add("no live node that offers '" + function.name() + "' has every capability of [" + capset
                    + "] (they have: " + capabilitiesOf(function.liveNodes()) + "); the call waits in "
                    + Topics.calls(capset) + " until one does");
        }
        return new Admission(submission.withArgs(args).withCapset(capset), warnings);
    }

    private Admission unknown(CallSubmission submission) {
        String name = submission.function();
        if (!enforce) {
            return new Admission(
                    submission,
                    List.of("no node has offered '" + name
                            + "' in the function catalog; the call was queued unchecked in "
                            + Topics.calls(submission.capset())));
        }
        throw notFound(name);
    }

    private FunctionNotFoundException notFound(String name) {
        if (catalog == null) {
            return new FunctionNotFoundException(
                    name,
                    List.of(),
                    "this gateway follows no function catalog, so it knows no function '" + name + "'");
        }
        List<String> suggestions = Suggestions.closest(name, catalog.names(), Suggestions.DEFAULT_MAX);
        String message;
        if (catalog.isEmpty()) {
            message = "no node offers a function named '" + name + "': the function catalog is empty (no node that"
                    + " publishes its functions is running). Start one, e.g. ./fabric executor --scripts DIR, or run the"
                    + " gateway with fabric.catalog.enforce=false if your executors publish no catalog";
        } else if (WITHDRAWN.containsKey(name)) {
            message = "no node offers a function named '" + name + "': " + WITHDRAWN.get(name);
        } else if (suggestions.isEmpty()) {
            message = "no node offers a function named '" + name + "'; GET /v1/functions lists the "
                    + catalog.names().size() + " functions the fabric knows";
        } else {
            message = "no node offers a function named '" + name + "'; did you mean "
                    + String.join(
                            ", ", suggestions.stream().map(s -> "'" + s + "'").toList()) + "?";
        }
        return new FunctionNotFoundException(name, suggestions, message);
    }

    /** The call's requirements plus its function's: a node without the function's own cannot run it. */
    private static Capset capset(KnownFunction function, Capset requirements) {
        TreeSet<String> tags = new TreeSet<>(requirements.tags());
        tags.addAll(function.spec().getCapabilities());
        try {
            return Capset.of(tags);
        } catch (IllegalArgumentException e) {
            throw new FunctionMisdeclaredException("function '" + function.name() + "' declares capabilities "
                    + function.spec().getCapabilities() + " that cannot name a capability topic (" + e.getMessage()
                    + "); the operator of the node offering it must fix its declaration ("
                    + Signatures.of(function.spec())
                    + ")");
        }
    }

    private static String capabilitiesOf(List<LiveNode> nodes) {
        return String.join(
                "; ",
                nodes.stream()
                        .map(n -> n.executorId() + " [" + String.join(", ", new TreeSet<>(n.capabilities())) + "]")
                        .toList());
    }
}
