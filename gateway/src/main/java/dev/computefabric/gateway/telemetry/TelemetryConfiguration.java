package dev.computefabric.gateway.telemetry;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import dev.computefabric.gateway.GatewayProperties;
import dev.computefabric.gateway.calls.PendingReplies;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.kafka.ReplyListener;
import dev.computefabric.gateway.kafka.StatusListener;
import dev.computefabric.observability.metrics.MetricNames;
import dev.computefabric.observability.tracing.Tracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the gateway tells its operator beyond Actuator's defaults: the fabric's tags on every series, the queued
 * calls gauges, the requests waiting for a result, the followers in readiness, and the trace context of submitted calls.
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryConfiguration {

    /** How often gauges are added for capability sets that appeared. */
    static final long QUEUED_REFRESH_SECONDS = 5;

    /** The same {@code component} and {@code node} tags as the executors' and the router's series. */
    @Bean
    MeterFilter fabricTags(GatewayProperties properties) {
        return MeterFilter.commonTags(
                Tags.of(MetricNames.COMPONENT, "gateway", MetricNames.NODE, properties.gatewayId()));
    }

    @Bean(destroyMethod = "close")
    Tracing tracing() {
        return Tracing.fromEnvironment("fabric-gateway");
    }

    @Bean
    FilterRegistrationBean<TraceContextFilter> traceContextFilter(Tracing tracing) {
        FilterRegistrationBean<TraceContextFilter> registration =
                new FilterRegistrationBean<>(new TraceContextFilter(tracing));
        registration.addUrlPatterns("/v1/calls", "/v1/pipelines");
        return registration;
    }

    /** Named {@code followers} in {@code /actuator/health}; the readiness group includes it. */
    @Bean
    FollowersHealthIndicator followersHealthIndicator(
            StatusListener<CallStatus> status, StatusListener<PipelineStatus> pipelines, ReplyListener replies) {
        return new FollowersHealthIndicator(status, pipelines, replies);
    }

    @Bean
    MeterBinder waitingRequestsGauge(PendingReplies waits) {
        return registry -> Gauge.builder(MetricNames.WAITING_REQUESTS, waits, PendingReplies::size)
                .description("requests held waiting for a call's or a pipeline's result")
                .register(registry);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService queuedCallsGauges(CallIndex index, MeterRegistry registry) {
        QueuedCallsGauges gauges = new QueuedCallsGauges(index, registry);
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(NamedThreads.named("gateway-queued-gauges"));
        timer.scheduleWithFixedDelay(
                Periodic.surviving("the queued-calls gauges' refresh", gauges::refresh),
                0,
                QUEUED_REFRESH_SECONDS,
                TimeUnit.SECONDS);
        return timer;
    }
}
