package dev.computefabric.executor.deploy;

import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.NodeFunctions;
import dev.computefabric.executor.function.builtin.PythonScript;
import dev.computefabric.executor.script.ContainerFunction;
import dev.computefabric.executor.script.ContainerSupport;
import dev.computefabric.executor.script.ScriptFolder;
import dev.computefabric.executor.script.ScriptRuntimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which functions a node serves, and where they come from: the built-ins, the application's own, jars, a script
 * folder, and whether code sent in calls runs. {@link #assemble()} loads them all, once, at start.
 *
 * @param builtins        serve {@code echo}, {@code sleep}, {@code fail}, {@code table.*}
 * @param allowInlineCode serve {@code python} with code sent in the call (remote code execution for any caller)
 * @param functions       the application's functions; one named like a built-in replaces it
 * @param jars            jars, or folders of jars, with functions listed for {@code ServiceLoader}
 * @param scripts         a folder of scripts to serve, watched while the node runs; null for none
 * @param scanInterval    how often the script folder is looked at for changes
 * @param containers      run containers (the {@code container} function, container scripts) if an engine works
 * @param containerRunOptions options the engine's {@code run} gets on this host, e.g. {@code --runtime runc}
 */
public record FunctionSetup(
        boolean builtins,
        boolean allowInlineCode,
        List<FabricFunction> functions,
        List<Path> jars,
        Path scripts,
        Duration scanInterval,
        boolean containers,
        List<String> containerRunOptions) {

    /** A script added to the folder is callable within this (plus the time to publish the catalog). */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(1);

    /** What a node that refuses inline code answers a call to {@code python}. */
    public static final String INLINE_CODE_OFF = "code sent in calls runs only on nodes started with"
            + " --allow-inline-code (FabricNode: allowInlineCode(true)); deploy the code as a script instead"
            + " (--scripts DIR)";

    private static final Logger log = LoggerFactory.getLogger(FunctionSetup.class);

    public FunctionSetup {
        functions = List.copyOf(functions);
        jars = List.copyOf(jars);
        containerRunOptions = List.copyOf(containerRunOptions);
        if (scanInterval == null || scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("scanInterval must be positive, got " + scanInterval);
        }
    }

    /** The built-ins only, as a node without any other setting serves them. */
    public static FunctionSetup builtinsOnly() {
        return new FunctionSetup(true, false, List.of(), List.of(), null, DEFAULT_SCAN_INTERVAL, false, List.of());
    }

    /**
     * What {@link #assemble()} made.
     *
     * @param functions   the node's functions, live (a script folder updates them)
     * @param runtimeTags capability tags of the script runtimes found ({@code python}, {@code r}, ...): the node
     *                    serves their call topics
     * @param resources   what to close once the node has stopped (class loaders, the folder watcher)
     */
    public record Assembled(NodeFunctions functions, Set<String> runtimeTags, List<AutoCloseable> resources)
            implements AutoCloseable {

        @Override
        public void close() {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("closing {} failed: {}", resource, e.toString());
                }
            }
        }
    }

    /**
     * Loads jars and reads the script folder.
     *
     * @throws IllegalArgumentException a jar or the folder cannot be used, or two functions share a name
     */
    public Assembled assemble() {
        return assemble(ExecutablesOnPath.system());
    }

    /** As {@link #assemble()}, with interpreters and container engines looked for on {@code path}. */
    public Assembled assemble(ExecutablesOnPath path) {
        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, FabricFunction> byName = new TreeMap<>();
        if (builtins) {
            FunctionRegistry.builtins().functions().forEach(f -> byName.put(f.name(), f));
        }
        if (allowInlineCode) {
            byName.put(PythonScript.NAME, new PythonScript());
        }
        for (FabricFunction function : functions) {
            FabricFunction replaced = byName.put(function.name(), function);
            if (replaced != null && functions.contains(replaced)) {
                throw new IllegalArgumentException("two functions are named '" + function.name() + "': "
                        + replaced.getClass().getName() + " and "
                        + function.getClass().getName());
            }
        }
        try {
            for (Path jar : jars) {
                FunctionJars loaded = FunctionJars.load(jar);
                resources.add(loaded);
                for (FabricFunction function : loaded.functions()) {
                    FabricFunction taken = byName.putIfAbsent(function.name(), function);
                    if (taken != null) {
                        throw new IllegalArgumentException("--functions: " + jar + " offers '" + function.name()
                                + "' (" + function.getClass().getName() + "), but "
                                + taken.getClass().getName()
                                + " has that name already; rename one of them");
                    }
                    log.info(
                            "function {} from {} ({})",
                            function.name(),
                            jar,
                            function.getClass().getName());
                }
            }
            Map<String, String> unavailable = new TreeMap<>();
            if (!allowInlineCode) {
                unavailable.put(PythonScript.NAME, INLINE_CODE_OFF);
            }
            Set<String> runtimeTags = new TreeSet<>();
            ContainerSupport containerSupport =
                    containers ? ContainerSupport.detect(path, containerRunOptions) : ContainerSupport.off();
            containerSupport
                    .engine()
                    .ifPresentOrElse(
                            engine -> {
                                byName.putIfAbsent(ContainerFunction.NAME, new ContainerFunction(engine));
                                runtimeTags.add(ContainerFunction.TAG);
                                log.info("containers run with {}", engine.executable());
                            },
                            () -> {
                                unavailable.put(ContainerFunction.NAME, containerSupport.whyNot());
                                if (containers) {
                                    log.warn("--containers: {}", containerSupport.whyNot());
                                }
                            });
            NodeFunctions live = new NodeFunctions(new FunctionRegistry(byName.values()), unavailable);
            if (scripts != null) {
                ScriptRuntimes runtimes = ScriptRuntimes.detect(path, containerSupport);
                log.info("script runtimes: {}", runtimes);
                runtimeTags.addAll(runtimes.tags());
                resources.add(new ScriptFolder(scripts, runtimes, live, scanInterval).start());
            }
            return new Assembled(live, runtimeTags, resources);
        } catch (RuntimeException e) {
            new Assembled(null, Set.of(), resources).close();
            throw e;
        }
    }
}
