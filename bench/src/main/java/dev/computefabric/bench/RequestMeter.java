package dev.computefabric.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The requests the broker handled, by type ({@code ShareFetch}, {@code WriteShareGroupState}, {@code Produce}, ...),
 * added up over the measured blocks only, as {@link CpuMeter} adds up CPU: per call (or per second of an idle fabric),
 * where the broker's time goes.
 */
final class RequestMeter {

    private final Supplier<Map<String, Long>> counts;
    private final Map<String, Long> counted = new TreeMap<>();
    private Map<String, Long> started;

    /** @param counts the requests handled so far by type, as {@link Broker#read()} tells them */
    RequestMeter(Supplier<Map<String, Long>> counts) {
        this.counts = counts;
    }

    void start() {
        started = counts.get();
    }

    void stop() {
        counts.get().forEach((type, now) -> counted.merge(type, now - started.getOrDefault(type, 0L), Long::sum));
    }

    /**
     * Requests of each type counted over every start/stop span so far, per unit (calls made, or seconds of an idle
     * span), to 3 decimals; empty if none.
     */
    Map<String, Double> per(double units) {
        Map<String, Double> per = new TreeMap<>();
        counted.forEach((type, count) -> {
            if (count > 0 && units > 0) {
                per.put(type, Math.round(count * 1000.0 / units) / 1000.0);
            }
        });
        return per;
    }

    /**
     * The broker's {@code kafka.network:type=RequestMetrics,name=RequestsPerSec} counters, read over JMX from its
     * process, which only the bench's own fabric gives; a broker it cannot attach to reads as no requests.
     */
    static final class Broker implements AutoCloseable {

        private static final String REQUESTS = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";
        /** Counted again by type of fetcher: part of {@code Fetch}. */
        private static final Set<String> PARTS = Set.of("FetchConsumer", "FetchFollower");

        private final JMXConnector connector;

        private Broker(JMXConnector connector) {
            this.connector = connector;
        }

        /** The broker of process {@code pid} (null: not the bench's own). */
        static Broker attach(Long pid) {
            if (pid == null) {
                return new Broker(null);
            }
            try {
                VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
                try {
                    String address = vm.startLocalManagementAgent();
                    return new Broker(JMXConnectorFactory.connect(new JMXServiceURL(address)));
                } finally {
                    vm.detach();
                }
            } catch (Exception e) {
                System.err.println(
                        "bench: not counting the broker's requests, cannot attach to process " + pid + ": " + e);
                return new Broker(null);
            }
        }

        /** Requests handled since the broker started, by type. */
        Map<String, Long> read() {
            Map<String, Long> counts = new TreeMap<>();
            if (connector == null) {
                return counts;
            }
            try {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                for (ObjectName name : server.queryNames(new ObjectName(REQUESTS), null)) {
                    String type = name.getKeyProperty("request");
                    if (!PARTS.contains(type)) {
                        long count = ((Number) server.getAttribute(name, "Count")).longValue();
                        counts.merge(type, count, Long::sum);
                    }
                }
            } catch (IOException | JMException e) {
                System.err.println("bench: reading the broker's request counts failed: " + e);
            }
            return counts;
        }

        @Override
        public void close() {
            if (connector == null) {
                return;
            }
            try {
                connector.close();
            } catch (IOException e) {
                // The broker may have stopped first; nothing is lost.
            }
        }
    }
}
