package dev.computefabric.cli;

import dev.computefabric.bench.BenchCommand;
import dev.computefabric.cli.chaos.ChaosCommand;
import dev.computefabric.infra.stack.DataDirs;
import dev.computefabric.infra.stack.LocalFabric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./fabric}: run the fabric on this machine. */
@Command(
        name = "fabric",
        mixinStandardHelpOptions = true,
        description = "Compute Fabric: function calls routed through Kafka to self-balancing executors.",
        footer = {
            "",
            "Also:",
            "  executor  Run one more compute node against a running fabric:",
            "            ./fabric executor --bootstrap HOST:PORT --registry URL --s3 URL",
            "                              --capabilities TAGS --slots N",
            "            Your own functions: --scripts DIR (scripts with a header, any language),",
            "            --functions JAR (FabricFunctions in a jar); see docs/functions.md",
            "            (./fabric executor --help lists every option)",
            "            Against a --secure fabric: FABRIC_KAFKA_USER=executor and FABRIC_KAFKA_PASSWORD"
                    + " (from <data-dir>/secrets) in the environment"
        },
        subcommands = {
            Fabric.Up.class,
            Fabric.DemoCommand.class,
            BenchCommand.class,
            ChaosCommand.class,
            TokensCommand.class
        })
public final class Fabric {

    /** Where a secure fabric's passwords are; never the passwords themselves. */
    static String securityNote(LocalFabric fabric) {
        return fabric.stack().secure()
                ? " (SASL_PLAINTEXT, SCRAM-SHA-512; passwords in "
                        + fabric.stack().dataDir().resolve("secrets") + ")"
                : "";
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Fabric()).execute(args));
    }

    /** Options shared by the commands that start a local fabric. */
    static final class StackOptions {
        @Option(
                names = "--data-dir",
                description =
                        "Where the broker, S3 and logs keep their files (default: a new directory under .fabric/).")
        Path dataDir;

        @Option(
                names = "--secure",
                description = "Kafka with SASL/SCRAM and ACLs, one principal per role; the schema registry takes"
                        + " writes only with credentials (docs/security.md). Default: plaintext, no authentication.")
        boolean secure;

        Path dataDirOrNew(String prefix) throws Exception {
            if (dataDir != null) {
                return dataDir;
            }
            Path base = Path.of(System.getProperty("fabric.home", ".")).resolve(".fabric");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix);
        }
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Run the whole fabric (broker, S3, registry, router, gateway, two executors serving"
                    + " examples/scripts) until Ctrl-C.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions stackOptions = new StackOptions();

        @Option(
                names = "--brokers",
                defaultValue = "1",
                description = "KRaft brokers (each also a controller): 1, or 3 for replication factor 3 and"
                        + " min.insync.replicas 2 on every topic (default: ${DEFAULT-VALUE}).")
        int brokers;

        @Override
        public Integer call() throws Exception {
            Path dataDir = stackOptions.dataDirOrNew("up-");
            System.out.println("fabric: starting in " + dataDir + " ...");
            LocalFabric fabric = LocalFabric.start(LocalFabric.Options.twoExecutors(dataDir)
                    .withBrokers(brokers)
                    .withSecure(stackOptions.secure));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                System.out.println("fabric: stopping ...");
                                fabric.close();
                                stopped.countDown();
                            },
                            "fabric-stop"));
            System.out.println("gateway: " + fabric.gatewayUrl());
            System.out.println("registry: " + fabric.stack().registryUrl());
            System.out.println("s3: " + fabric.stack().s3Endpoint());
            System.out.println("kafka: " + fabric.stack().bootstrap() + securityNote(fabric));
            System.out.println("logs: " + fabric.stack().logDir());
            // Shown once, as `./fabric tokens create` does; the gateways keep only its hash.
            fabric.adminToken().ifPresent(token -> System.out.println("admin token: " + token));
            // The path only: the password stays in the file (owner-only).
            fabric.callerProperties().ifPresent(file -> System.out.println("kafka caller properties: " + file));
            System.out.println("fabric: up; Ctrl-C stops everything");
            stopped.await();
            return 0;
        }
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description = "Start the fabric, run a mix of calls (including tables), print the results, stop.")
    static final class DemoCommand implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions stackOptions = new StackOptions();

        @Override
        public Integer call() throws Exception {
            Path dataDir = stackOptions.dataDirOrNew("demo-");
            System.out.println("fabric: starting in " + dataDir + " ...");
            long start = System.nanoTime();
            boolean allCorrect;
            try (LocalFabric fabric =
                    LocalFabric.start(LocalFabric.Options.twoExecutors(dataDir).withSecure(stackOptions.secure))) {
                System.out.printf(
                        "fabric: up in %.1f s, gateway %s%s%n",
                        (System.nanoTime() - start) / 1e9, fabric.gatewayUrl(), securityNote(fabric));
                allCorrect = new Demo(new GatewayClient(fabric.gatewayUrl(), fabric.adminToken()), System.out).run();
                System.out.println("fabric: stopping ...");
            }
            if (allCorrect && stackOptions.dataDir == null) {
                DataDirs.delete(dataDir);
            } else {
                System.out.println("fabric: logs kept in " + dataDir.resolve("logs"));
            }
            return allCorrect ? 0 : 1;
        }
    }
}
