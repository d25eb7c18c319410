package dev.computefabric.cli.chaos;

import dev.computefabric.infra.stack.DataDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./fabric chaos}: drive calls through a replicated cluster while processes die, then check every call. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Start 3 brokers, 2 routers, 2 gateways and 3 executors; drive calls (echo, sleeps up to 2 s, tables,"
                    + " cached, cancels, deadlines; over HTTP and Kafka) while killing (SIGKILL) an executor, a gateway,"
                    + " a router and a broker and freezing an executor for 10 s; then check that every accepted call"
                    + " ended exactly once and no caller got two or different answers.",
            "Exit code 0 when that holds."
        })
public final class ChaosCommand implements Callable<Integer> {

    @Option(
            names = "--calls",
            defaultValue = "" + ChaosOptions.DEFAULT_CALLS,
            description = "Calls to drive (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(
            names = "--callers",
            defaultValue = "" + ChaosOptions.DEFAULT_CALLERS,
            description = "Concurrent callers (default: ${DEFAULT-VALUE}).")
    int callers;

    @Option(
            names = "--seed",
            defaultValue = "" + ChaosOptions.DEFAULT_SEED,
            description = "Decides the call mix and when each fault strikes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--faults",
            split = ",",
            description = "The faults that strike, each once (default: all): ${COMPLETION-CANDIDATES}.")
    Set<Fault.Kind> faults = EnumSet.allOf(Fault.Kind.class);

    @Option(names = "--json", description = "Print one line of JSON instead of the table.")
    boolean json;

    @Option(
            names = "--data-dir",
            description = "Where the cluster keeps its files (default: a new directory under .fabric/, removed"
                    + " after a run that holds).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir;
        if (dir == null) {
            Path base = Path.of(System.getProperty("fabric.home", ".")).resolve(".fabric");
            Files.createDirectories(base);
            dir = Files.createTempDirectory(base, "chaos-");
        }
        ChaosOptions options = new ChaosOptions(
                dir,
                calls,
                callers,
                seed,
                ChaosOptions.DEFAULT_RESTART_PAUSE,
                ChaosOptions.DEFAULT_CUT_OFF,
                ChaosOptions.DEFAULT_DRAIN_TIMEOUT,
                faults);
        ChaosVerdict verdict = ChaosRun.run(options, System.err);
        if (json) {
            System.out.println(verdict.json());
        } else {
            verdict.printTable(System.out);
        }
        if (verdict.holds() && dataDir == null) {
            DataDirs.delete(dir);
        } else {
            System.err.println("chaos: logs kept in " + dir.resolve("logs"));
        }
        return verdict.holds() ? 0 : 1;
    }
}
