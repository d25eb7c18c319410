package dev.computefabric.executor.function;

import dev.computefabric.avro.FunctionSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions a node offers now: a fixed set (built-ins, the application's, jars) plus sources that change
 * while it runs (a script folder), each replaced as a whole. Also what the node knows but does not offer, and
 * why, so a call to it fails with a reason instead of "command not found". Thread-safe: workers look up
 * functions while a source is replaced; listeners (the catalog) hear every change.
 */
public final class NodeFunctions implements FunctionLookup {

    private static final Logger log = LoggerFactory.getLogger(NodeFunctions.class);

    private final FunctionRegistry fixed;
    private final Map<String, String> fixedUnavailable;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    private record Source(List<FabricFunction> functions, Map<String, String> unavailable) {}

    private record Snapshot(Map<String, FabricFunction> offered, Map<String, String> unavailable) {}

    /**
     * @param fixed       functions offered for the node's whole life
     * @param unavailable names this node refuses, with the reason the caller reads
     */
    public NodeFunctions(FunctionRegistry fixed, Map<String, String> unavailable) {
        this.fixed = fixed;
        this.fixedUnavailable = Map.copyOf(unavailable);
        this.snapshot = rebuild();
    }

    public static NodeFunctions of(FunctionRegistry fixed) {
        return new NodeFunctions(fixed, Map.of());
    }

    /**
     * Replaces what {@code source} offers. A function whose name is taken by a fixed function or another source
     * is not offered (logged, and its reason kept). Listeners run on the calling thread if anything changed.
     */
    public void update(String source, Collection<? extends FabricFunction> functions, Map<String, String> unavailable) {
        boolean changed;
        synchronized (this) {
            Snapshot before = snapshot;
            sources.put(source, new Source(List.copyOf(functions), Map.copyOf(unavailable)));
            snapshot = rebuild();
            changed = !sameOffer(before, snapshot);
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Runs {@code listener} after every change of what is offered. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<FabricFunction> find(String name) {
        return Optional.ofNullable(snapshot.offered().get(name));
    }

    @Override
    public List<String> names() {
        return List.copyOf(snapshot.offered().keySet());
    }

    @Override
    public Optional<String> unavailableReason(String name) {
        return Optional.ofNullable(snapshot.unavailable().get(name));
    }

    /** What the catalog announces: one spec per function offered now, sorted by name. */
    public List<FunctionSpec> specs() {
        return snapshot.offered().values().stream().map(FabricFunction::spec).toList();
    }

    /** Names known here but not offered, with why: for the node's start-up report. */
    public Map<String, String> unavailable() {
        return snapshot.unavailable();
    }

    private Snapshot rebuild() {
        Map<String, FabricFunction> offered = new TreeMap<>();
        Map<String, String> unavailable = new TreeMap<>(fixedUnavailable);
        fixed.functions().forEach(function -> offered.put(function.name(), function));
        sources.forEach((source, content) -> {
            unavailable.putAll(content.unavailable());
            for (FabricFunction function : content.functions()) {
                FabricFunction taken = offered.putIfAbsent(function.name(), function);
                if (taken != null) {
                    String reason = source + " offers '" + function.name() + "', but that name is taken by "
                            + describe(taken) + "; rename one of them";
                    log.warn(reason);
                    unavailable.putIfAbsent(function.name(), reason);
                }
            }
        });
        offered.keySet().forEach(unavailable::remove);
        return new Snapshot(
                java.util.Collections.unmodifiableMap(offered), java.util.Collections.unmodifiableMap(unavailable));
    }

    private static boolean sameOffer(Snapshot before, Snapshot after) {
        if (!before.offered().keySet().equals(after.offered().keySet())) {
            return false;
        }
        for (Map.Entry<String, FabricFunction> entry : after.offered().entrySet()) {
            if (before.offered().get(entry.getKey()) != entry.getValue()) {
                return false;
            }
        }
        return before.unavailable().equals(after.unavailable());
    }

    private static String describe(FabricFunction function) {
        return function.getClass().getName();
    }

    /** For log lines: the names offered. */
    @Override
    public String toString() {
        return new ArrayList<>(snapshot.offered().keySet()).toString();
    }
}
