package dev.computefabric.observability.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meter registry of a plain-Java component: Prometheus format, every series tagged with the component and
 * its instance, and the JVM's own meters (heap, GC, threads, CPU), as Spring Boot's Actuator gives the gateway.
 */
public final class FabricRegistry {

    private FabricRegistry() {}

    /** A registry whose series all carry {@code component} and {@code node} (e.g. {@code executor}, its id). */
    public static PrometheusMeterRegistry create(String component, String node) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(Tags.of(MetricNames.COMPONENT, component, MetricNames.NODE, node));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Not closed: it lives as long as the registry, which lives as long as the process.
        new JvmGcMetrics().bindTo(registry);
        return registry;
    }
}
