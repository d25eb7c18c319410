package dev.computefabric.gateway;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.gateway.calls.AcceptedCalls;
import dev.computefabric.gateway.calls.CallFactory;
import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.CallWatchers;
import dev.computefabric.gateway.calls.Cancellations;
import dev.computefabric.gateway.calls.CombinedLookup;
import dev.computefabric.gateway.calls.FabricCalls;
import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.calls.PendingReplies;
import dev.computefabric.gateway.calls.RecentCalls;
import dev.computefabric.gateway.calls.ResultWaits;
import dev.computefabric.gateway.calls.SecondLook;
import dev.computefabric.gateway.calls.StatusUpdates;
import dev.computefabric.gateway.calls.StatusView;
import dev.computefabric.gateway.calls.WaitExpiry;
import dev.computefabric.gateway.catalog.FunctionCatalogView;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.console.ChangeFeed;
import dev.computefabric.gateway.kafka.CatalogListener;
import dev.computefabric.gateway.kafka.GatewayTopics;
import dev.computefabric.gateway.kafka.KafkaCallPublisher;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.gateway.kafka.KafkaControlPublisher;
import dev.computefabric.gateway.kafka.ReplyListener;
import dev.computefabric.gateway.kafka.StatusListener;
import dev.computefabric.gateway.pipelines.FabricPipelines;
import dev.computefabric.gateway.telemetry.CountedCallPublisher;
import dev.computefabric.gateway.web.HeldRequests;
import dev.computefabric.schemas.ContractSchemas;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the plain call-handling core to Kafka, S3 and Spring MVC. The only place that knows both sides.
 * Beans that own threads or connections are closed by Spring (inferred {@code close()}) on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    /** Threads that render results and run continuations, off the Kafka client threads. */
    static final int DISPATCH_THREADS = 2;

    private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaClientConfig kafkaClientConfig(GatewayProperties properties) {
        log.info(
                "gateway {}: Kafka {}, schema registry {}, {}, reply topic {}",
                properties.gatewayId(),
                properties.bootstrap(),
                properties.registry(),
                properties.s3(),
                properties.replyTopic());
        return new KafkaClientConfig(properties.bootstrap(), properties.gatewayId());
    }

    /**
     * The serdes; the contract's schemas are registered as the gateway starts, so a Kafka-native client looking a
     * schema up by subject finds them before this gateway's first call, also on a fabric whose provisioning did
     * not register them. On a thread of its own: the registry's answers must not delay readiness (the gateway's
     * own serializers register on first use anyway), and a registry that cannot be reached now is no reason not
     * to start.
     */
    @Bean
    FabricSerdes fabricSerdes(GatewayProperties properties) {
        FabricSerdes serdes = FabricSerdes.forRegistry(properties.registry());
        NamedThreads.start("gateway-contract-schemas", () -> {
            try {
                ContractSchemas.registerAll(serdes.registry());
            } catch (SerializationException e) {
                log.warn("could not register the contract's schemas at start: {}", e.getMessage());
            }
        });
        return serdes;
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaClientConfig kafka) {
        return Admin.create(kafka.admin());
    }

    @Bean(destroyMethod = "close")
    GatewayTopics gatewayTopics(Admin admin) {
        return new GatewayTopics(admin);
    }

    @Bean(destroyMethod = "close")
    KafkaCallPublisher callPublisher(KafkaClientConfig kafka, FabricSerdes serdes) {
        return new KafkaCallPublisher(
                new KafkaProducer<>(kafka.producer(), new StringSerializer(), serdes.serializer(FuncCall.class)));
    }

    @Bean(destroyMethod = "close")
    TableStore tableStore(GatewayProperties properties) {
        return new TableStore(properties.s3().settings());
    }

    @Bean
    Tables tables(TableStore store, GatewayProperties properties) {
        return new Tables(store, properties.inlineLimitBytes());
    }

    @Bean
    RecentCalls recentCalls(GatewayProperties properties) {
        return new RecentCalls(properties.recentCallsMaxEntries(), properties.recentCallsMaxBytes());
    }

    @Bean
    PendingReplies pendingReplies(Clock clock) {
        return new PendingReplies(clock);
    }

    @Bean(destroyMethod = "close")
    WaitExpiry waitExpiry(PendingReplies pending, Clock clock) {
        return new WaitExpiry(pending, clock);
    }

    @Bean
    HeldRequests heldRequests(PendingReplies pending) {
        return new HeldRequests(pending);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService callDispatch() {
        return Executors.newFixedThreadPool(DISPATCH_THREADS, NamedThreads.numbered("gateway-dispatch"));
    }

    /** Every call's latest status from fabric.status; bounded like the accepted calls. */
    @Bean
    StatusView statusView(GatewayProperties properties) {
        return new StatusView(new RecentCalls(properties.recentCallsMaxEntries(), properties.recentCallsMaxBytes()));
    }

    @Bean
    CombinedLookup callLookup(RecentCalls recent, StatusView statusView) {
        return new CombinedLookup(recent, statusView.calls());
    }

    @Bean
    CallFactory callFactory(Tables tables, GatewayProperties properties, Clock clock) {
        return new CallFactory(
                tables, properties.replyTopic(), clock, properties.cache().policy());
    }

    @Bean
    AcceptedCalls acceptedCalls(
            GatewayTopics topics, KafkaCallPublisher publisher, RecentCalls recent, MeterRegistry meters) {
        return new AcceptedCalls(topics, new CountedCallPublisher(publisher, meters), recent);
    }

    @Bean
    ResultWaits resultWaits(CombinedLookup lookup, SecondLook secondLook, PendingReplies pending) {
        return new ResultWaits(lookup, secondLook, pending);
    }

    /**
     * Before a call is answered unknown (404), this gateway reads fabric.status to the end it has at that moment: a
     * call accepted elsewhere whose status the router already wrote is found although the follower reads lazily.
     */
    @Bean
    SecondLook secondLook(StatusListener<CallStatus> statusListener, Admin admin, ExecutorService callDispatch) {
        return new SecondLook(statusListener.sync(admin), SecondLook.DEFAULT_BOUND, callDispatch);
    }

    @Bean
    FunctionCatalogView functionCatalogView(GatewayProperties properties, Clock clock) {
        return new FunctionCatalogView(clock, properties.catalog().nodeStaleAfter());
    }

    /**
     * Follows fabric.functions and fabric.executors, and has read both to their end before the web server opens:
     * a gateway that serves already knows every function.
     */
    @Bean(destroyMethod = "close")
    CatalogListener catalogListener(
            KafkaClientConfig kafka,
            FabricSerdes serdes,
            Admin admin,
            FunctionCatalogView view,
            GatewayProperties properties) {
        CatalogListener listener = new CatalogListener(
                new KafkaConsumer<>(
                        kafka.catalogConsumer("functions"),
                        new StringDeserializer(),
                        serdes.deserializer(FunctionCatalog.class)),
                new KafkaConsumer<>(
                        kafka.catalogConsumer("executors"),
                        new StringDeserializer(),
                        serdes.deserializer(ExecutorStatus.class)),
                admin,
                view);
        try {
            listener.start(properties.catalog().startupTimeout());
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        log.info(
                "function catalog read: {} functions; calls to unknown functions are {}",
                view.names().size(),
                properties.catalog().enforce() ? "refused (fabric.catalog.enforce=true)" : "queued unchecked");
        return listener;
    }

    /** A submission that waited for the catalog to catch up continues on the dispatch threads, not the follower's. */
    @Bean
    FunctionChecks functionChecks(
            FunctionCatalogView view,
            CatalogListener listener,
            GatewayProperties properties,
            ExecutorService callDispatch) {
        return new FunctionChecks(
                view,
                listener,
                properties.catalog().enforce(),
                properties.catalog().syncTimeout(),
                callDispatch);
    }

    /** With security on, its {@link CallGuard} (grants, quotas); otherwise every call the catalog admits goes. */
    @Bean
    FabricCalls fabricCalls(
            FunctionChecks checks,
            CallFactory factory,
            AcceptedCalls accepted,
            ResultWaits waits,
            ObjectProvider<CallGuard> guard) {
        return new FabricCalls(checks, factory, accepted, waits, guard.getIfAvailable(() -> CallGuard.OPEN));
    }

    @Bean(destroyMethod = "close")
    KafkaControlPublisher controlPublisher(KafkaClientConfig kafka, FabricSerdes serdes) {
        return new KafkaControlPublisher(
                new KafkaProducer<>(kafka.producer(), new StringSerializer(), serdes.serializer(ControlCommand.class)));
    }

    @Bean
    Cancellations cancellations(
            CombinedLookup lookup,
            SecondLook secondLook,
            KafkaControlPublisher publisher,
            FabricCalls calls,
            GatewayProperties properties,
            Clock clock) {
        return new Cancellations(lookup, secondLook, publisher, calls, properties.gatewayId(), clock);
    }

    /** Clients following calls as server-sent events. */
    @Bean
    CallWatchers callWatchers() {
        return new CallWatchers();
    }

    /**
     * Follows fabric.status so this gateway answers for calls accepted anywhere, and lists them for the console:
     * promptly while a request waits here, a client follows a call's events or a console's table is open; otherwise
     * in batches the broker gathers (up to half a second on a quiet fabric), which spares every gateway a fetch per
     * status of every call (docs/benchmarks.md, "the gateways' status followers read lazily").
     */
    @Bean(destroyMethod = "close")
    StatusListener<CallStatus> statusListener(
            KafkaClientConfig kafka,
            FabricSerdes serdes,
            StatusView statusView,
            RecentCalls recent,
            PendingReplies pending,
            CallWatchers watchers,
            CallIndex callIndex,
            ChangeFeed consoleFeed) {
        StatusUpdates updates = new StatusUpdates(statusView.calls(), recent, pending, watchers);
        StatusListener<CallStatus> listener = new StatusListener<>(
                new KafkaConsumer<>(
                        kafka.statusConsumer(), new StringDeserializer(), serdes.deserializer(CallStatus.class)),
                new KafkaConsumer<>(
                        kafka.lazyStatusConsumer(), new StringDeserializer(), serdes.deserializer(CallStatus.class)),
                () -> !pending.isEmpty() || watchers.watchedCalls() > 0 || consoleFeed.subscribers() > 0,
                Topics.STATUS,
                (callId, status) -> {
                    updates.onStatus(callId, status);
                    callIndex.onStatus(callId, status);
                });
        listener.start();
        return listener;
    }

    /**
     * Creates the reply topic and starts reading it: before the web server opens, so no reply is missed. The results
     * of pipelines this gateway knows end their waits and quotas; every other result is a call's.
     */
    @Bean(destroyMethod = "close")
    ReplyListener replyListener(
            GatewayTopics topics,
            KafkaClientConfig kafka,
            FabricSerdes serdes,
            FabricCalls calls,
            FabricPipelines pipelines,
            GatewayProperties properties) {
        topics.ensureReplyTopic(properties.replyTopic());
        ReplyListener listener = new ReplyListener(
                new KafkaConsumer<>(
                        kafka.replyConsumer(), new StringDeserializer(), serdes.deserializer(FuncResult.class)),
                properties.replyTopic(),
                result -> {
                    if (!pipelines.onReply(result)) {
                        calls.onReply(result);
                    }
                });
        listener.start();
        return listener;
    }
}
