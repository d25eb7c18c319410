package dev.computefabric.bench;

import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Runs one scenario against a {@link Target}: the fabric and its floor, warmed up, then measured. */
final class Scenarios {

    /** The submission path measured. */
    enum Path {
        http,
        kafka
    }

    /**
     * What to run.
     *
     * @param calls    measured calls; null for the scenario's default
     * @param rate     open loop at this many calls/s (throughput); null for closed loop
     * @param blocks   latency and throughput alternate fabric and floor in this many blocks each, so a change
     *                 in the machine's background load hits both alike
     * @param seconds  idle: how long to measure
     */
    record Settings(
            Path path,
            Integer calls,
            int warmup,
            int inFlight,
            Double rate,
            long sleepMs,
            long sizeBytes,
            boolean trace,
            int blocks,
            int seconds) {}

    /** idle: how long a fresh fabric is left alone before measuring: the JIT compilers were still busy after 15 s. */
    static final long IDLE_SETTLE_MS = 45_000;

    static final String ECHO_ARGS = "{\"bench\":true}";
    /** Connections opened at once while ramping up to hundreds in flight. */
    static final int RAMP_STEP = 50;

    static final List<String> FABRIC_SEGMENTS = List.of("to_calls_topic", "to_result", "to_reply", "to_client");
    static final List<String> FLOOR_SEGMENTS = List.of("to_hop1", "to_hop2", "to_hop3", "to_client");

    private final Settings settings;
    private final Target target;

    Scenarios(Settings settings, Target target) {
        this.settings = settings;
        this.target = target;
    }

    BenchReport run(String scenario) throws Exception {
        return switch (scenario) {
            case "latency", "throughput" -> roundTrips(scenario);
            case "sleep", "skew" -> sleeps(scenario);
            case "table" -> table();
            case "idle" -> idle();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    private BenchReport roundTrips(String scenario) throws Exception {
        boolean latency = scenario.equals("latency");
        int calls = count(latency ? 5_000 : 20_000);
        int perBlock = Math.max(1, calls / settings.blocks());
        Map<String, Object> shown = new LinkedHashMap<>();
        if (!latency) {
            shown.put("in_flight", settings.inFlight());
            if (settings.rate() != null) {
                shown.put("rate", settings.rate());
            }
        }
        shown.put("blocks", settings.blocks());
        try (Caller caller = caller();
                KafkaFloor floor = KafkaFloor.start(target.bootstrap(), floorCaller(), null);
                RequestMeter.Broker broker =
                        RequestMeter.Broker.attach(target.pids().get(Figures.BROKER))) {
            Supplier<CompletableFuture<String>> fabricTrip =
                    () -> caller.call("echo", ECHO_ARGS).thenApply(Caller.Outcome::callId);
            Supplier<CompletableFuture<String>> floorTrip = floor::roundTrip;
            // FINDINGS pitfall 3: a fresh JVM and broker are several times slower at first; warm both, discard.
            warmUp(shown, () -> {
                Load.closedLoop(settings.warmup(), settings.inFlight(), fabricTrip);
                Load.closedLoop(settings.warmup(), settings.inFlight(), floorTrip);
            });
            HopTrace fabricTrace =
                    settings.trace() ? HopTrace.begin(target.bootstrap(), fabricTopics(caller), FABRIC_SEGMENTS) : null;
            HopTrace floorTrace =
                    settings.trace() ? HopTrace.begin(target.bootstrap(), floor.topics(), FLOOR_SEGMENTS) : null;
            Supplier<CompletableFuture<String>> measuredFabric =
                    fabricTrace == null ? fabricTrip : fabricTrace.traced(fabricTrip);
            Supplier<CompletableFuture<String>> measuredFloor =
                    floorTrace == null ? floorTrip : floorTrace.traced(floorTrip);
            Latencies fabric = new Latencies();
            Latencies under = new Latencies();
            CpuMeter fabricCpu = new CpuMeter(target.pids());
            CpuMeter floorCpu = new CpuMeter(target.pids());
            RequestMeter fabricRequests = new RequestMeter(broker::read);
            RequestMeter floorRequests = new RequestMeter(broker::read);
            JitMeter.Reading measuredFrom = jit().read();
            for (int block = 0; block < settings.blocks(); block++) {
                fabricCpu.start();
                fabricRequests.start();
                fabric.add(measure(latency, perBlock, measuredFabric));
                fabricRequests.stop();
                fabricCpu.stop();
                floorCpu.start();
                floorRequests.start();
                under.add(measure(latency, perBlock, measuredFloor));
                floorRequests.stop();
                floorCpu.stop();
            }
            shown.put("jit_share_measured", share(jit().read().minus(measuredFrom)));
            Latencies.Summary f = fabric.summarize();
            Latencies.Summary u = under.summarize();
            Map<String, Double> fabricPerCall = fabricRequests.per(f.calls());
            if (!fabricPerCall.isEmpty()) {
                shown.put(
                        "broker_requests_per_call",
                        new TreeMap<>(Map.of("fabric", fabricPerCall, "floor", floorRequests.per(u.calls()))));
            }
            Figures fabricFigures = Figures.of(f).withCpu(fabricCpu.msPerCall(f.calls()));
            Figures floorFigures = Figures.of(u).withCpu(floorCpu.msPerCall(u.calls()));
            if (settings.trace()) {
                fabricFigures = fabricFigures.withHops(HopTrace.means(fabricTrace.finish()));
                floorFigures = floorFigures.withHops(HopTrace.means(floorTrace.finish()));
            }
            return new BenchReport(
                    scenario, settings.path().name(), fabricFigures, floorFigures, null, target.heapMaxMb(), shown);
        }
    }

    /** Runs {@code round} until the compilers settle ({@link Warmup}), and shows how long that took. */
    private void warmUp(Map<String, Object> shown, Runnable round) {
        Warmup.Outcome warm = Warmup.untilSettled(target.pids().values(), round);
        shown.put("warmup_rounds", warm.rounds());
        shown.put("warmup_s", Math.round(warm.seconds() * 10) / 10.0);
        shown.put("jit_share_warm", share(warm.compilerShare()));
    }

    private JitMeter jit() {
        return new JitMeter(target.pids().values());
    }

    private static double share(JitMeter.Reading reading) {
        return share(reading.compilerShare());
    }

    private static double share(double share) {
        return Math.round(share * 1000) / 1000.0;
    }

    private Latencies measure(boolean latency, int calls, Supplier<CompletableFuture<String>> trip) {
        if (latency) {
            return Load.sequential(calls, trip);
        }
        return settings.rate() == null
                ? Load.closedLoop(calls, settings.inFlight(), trip)
                : Load.openLoop(calls, settings.rate(), settings.inFlight(), trip, Pacer.SYSTEM);
    }

    /**
     * N sleeps of D, all submitted at once: the makespan against the ideal N * D / capacity. The floor runs
     * the same sleeps on the same slots (and slowdowns) behind plain Kafka, balanced by one in-memory queue.
     */
    private BenchReport sleeps(String scenario) throws Exception {
        int calls = count(400);
        String args = "{\"ms\":" + settings.sleepMs() + "}";
        double ideal = Node.idealSeconds(calls, settings.sleepMs(), target.capacity());
        Map<String, Long> perExecutor = new ConcurrentHashMap<>();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("sleep_ms", settings.sleepMs());
        shown.put("capacity_slots", target.capacity());
        shown.put("ideal_s", Math.round(ideal * 1000) / 1000.0);
        if (!target.nodes().isEmpty()) {
            shown.put(
                    "executors",
                    target.nodes().stream()
                            .map(n -> n.id() + ":" + n.slots() + "x" + n.slowdown())
                            .toList());
        }
        try (Caller caller = caller();
                KafkaFloor floor = KafkaFloor.start(target.bootstrap(), floorCaller(), floorWorkers())) {
            // A gentle warm-up first: a cold gateway hit by hundreds of calls at once registers its schemas
            // hundreds of times over (the registry refused some: 503). Then up to as many in flight as the run
            // will have, 50 more at a time: over HTTP that opens the connections, and hundreds of connects at
            // once overflow the gateway's accept queue (Tomcat's accept-count is 100; we saw resets).
            Load.closedLoop(
                    Math.min(settings.warmup(), 200),
                    Math.min(settings.inFlight(), 16),
                    () -> caller.call("echo", ECHO_ARGS));
            for (int inFlight = RAMP_STEP; inFlight < calls + RAMP_STEP; inFlight += RAMP_STEP) {
                int n = Math.min(inFlight, calls);
                Load.closedLoop(n, n, () -> caller.call("echo", ECHO_ARGS));
            }
            // Then the run itself, on both, until the compilers are done with what a burst runs.
            warmUp(shown, () -> {
                Load.closedLoop(calls, calls, () -> caller.call("sleep", args));
                Load.closedLoop(calls, calls, () -> floor.roundTrip(settings.sleepMs()));
            });
            CpuMeter fabricCpu = new CpuMeter(target.pids());
            JitMeter.Reading measuredFrom = jit().read();
            fabricCpu.start();
            Latencies fabric = Load.closedLoop(
                    calls,
                    calls,
                    () -> caller.call("sleep", args).thenApply(outcome -> {
                        perExecutor.merge(String.valueOf(outcome.executorId()), 1L, Long::sum);
                        return outcome;
                    }));
            fabricCpu.stop();
            CpuMeter floorCpu = new CpuMeter(target.pids());
            floorCpu.start();
            Latencies under = Load.closedLoop(calls, calls, () -> floor.roundTrip(settings.sleepMs()));
            floorCpu.stop();
            shown.put("jit_share_measured", share(jit().read().minus(measuredFrom)));
            Latencies.Summary f = fabric.summarize();
            Latencies.Summary u = under.summarize();
            return new BenchReport(
                    scenario,
                    settings.path().name(),
                    Figures.of(f).withEfficiency(ideal / f.seconds()).withCpu(fabricCpu.msPerCall(calls)),
                    Figures.of(u).withEfficiency(ideal / u.seconds()).withCpu(floorCpu.msPerCall(calls)),
                    new java.util.TreeMap<>(perExecutor),
                    target.heapMaxMb(),
                    shown);
        }
    }

    /**
     * Nothing submitted: what the fabric's processes cost while they wait for work, in percent of one core. The
     * bench's own JVM is not counted; it only waits.
     */
    private BenchReport idle() throws InterruptedException {
        if (target.pids().isEmpty()) {
            throw new IllegalArgumentException("idle measures the processes of the bench's own fabric: no --gateway");
        }
        Thread.sleep(IDLE_SETTLE_MS);
        CpuMeter cpu = new CpuMeter(target.pids());
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("settle_s", IDLE_SETTLE_MS / 1000);
        double seconds;
        try (RequestMeter.Broker broker =
                RequestMeter.Broker.attach(target.pids().get(Figures.BROKER))) {
            RequestMeter requests = new RequestMeter(broker::read);
            long started = System.nanoTime();
            cpu.start();
            requests.start();
            Thread.sleep(settings.seconds() * 1000L);
            requests.stop();
            cpu.stop();
            seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> perSecond = requests.per(seconds);
            if (!perSecond.isEmpty()) {
                shown.put("broker_requests_per_s", perSecond);
            }
        }
        Map<String, Double> percent = new LinkedHashMap<>();
        cpu.msPerCall(1).forEach((process, ms) -> {
            if (!process.equals(CpuMeter.BENCH)) {
                percent.put(process, ms / 10 / seconds);
            }
        });
        return new BenchReport(
                "idle",
                settings.path().name(),
                Figures.ofIdle(seconds, percent),
                null,
                null,
                target.heapMaxMb(),
                shown);
    }

    /** One table of {@code --size} through upload, copy and download; the floor moves it as often through plain S3. */
    private BenchReport table() throws Exception {
        if (settings.path() != Path.http) {
            throw new IllegalArgumentException(
                    "the table scenario measures the HTTP path (upload and download are HTTP)");
        }
        if (target.s3() == null) {
            throw new IllegalArgumentException("the table floor needs the fabric's S3: --s3 URL");
        }
        long size = CsvSource.sizeFor(settings.sizeBytes());
        double mib = size / (double) (1 << 20);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("size_bytes", size);
        HttpCalls http = new HttpCalls(target.gatewayUrl());
        TableTrip trip = new TableTrip(http, target.gatewayUrl());
        Target.S3 s3 = target.s3();
        try (S3Floor floor = new S3Floor(s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey())) {
            long warm = Math.min(size, 16L << 20);
            String warmSha256 = CsvSource.sha256(warm);
            warmUp(shown, () -> {
                try {
                    trip.run(warm, warmSha256);
                    floor.run(warm);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while warming up", e);
                }
            });
            String sha256 = CsvSource.sha256(size);
            CpuMeter fabricCpu = new CpuMeter(target.pids());
            JitMeter.Reading measuredFrom = jit().read();
            fabricCpu.start();
            Map<String, Double> fabric = trip.run(size, sha256);
            fabricCpu.stop();
            CpuMeter floorCpu = new CpuMeter(target.pids());
            floorCpu.start();
            Map<String, Double> under = floor.run(size);
            floorCpu.stop();
            shown.put("jit_share_measured", share(jit().read().minus(measuredFrom)));
            return new BenchReport(
                    "table",
                    settings.path().name(),
                    tableFigures(fabric, mib).withCpu(fabricCpu.msPerCall(1)),
                    tableFigures(under, mib).withCpu(floorCpu.msPerCall(1)),
                    null,
                    target.heapMaxMb(),
                    shown);
        }
    }

    private static Figures tableFigures(Map<String, Double> phases, double mib) {
        double seconds =
                phases.values().stream().mapToDouble(Double::doubleValue).sum();
        return Figures.ofTable(seconds, mib / seconds, phases);
    }

    private Caller caller() {
        if (settings.path() == Path.kafka) {
            if (target.registryUrl() == null) {
                throw new IllegalArgumentException("--path kafka needs the fabric's schema registry: --registry URL");
            }
            return new KafkaCalls(target.bootstrap(), target.registryUrl());
        }
        return new HttpCalls(target.gatewayUrl());
    }

    private FloorClients.Caller floorCaller() {
        return settings.path() == Path.kafka ? FloorClients.Caller.KAFKA_SUBMITTER : FloorClients.Caller.GATEWAY;
    }

    private FloorWorkers floorWorkers() {
        List<Node> nodes = target.nodes().isEmpty()
                ? List.of(new Node("floor", (int) Math.round(target.capacity()), 1.0))
                : target.nodes();
        return new FloorWorkers(nodes);
    }

    private List<String> fabricTopics(Caller caller) {
        String replies = caller instanceof KafkaCalls kafka ? kafka.replyTopic() : target.replyTopic();
        if (replies == null) {
            throw new IllegalArgumentException(
                    "--trace over HTTP needs the gateway's reply topic; trace the bench's own fabric");
        }
        // Not the STARTED events: an executor sends one only for a call still running after a grace (DeferredStarts).
        return List.of(Topics.calls(Capset.of()), Topics.RESULTS, replies);
    }

    private int count(int defaultCalls) {
        return settings.calls() != null ? settings.calls() : defaultCalls;
    }
}
