package dev.computefabric.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.computefabric.avro.CallEvent;
import dev.computefabric.examples.spring.Pricing.Order;
import dev.computefabric.examples.spring.Pricing.Quote;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.sdk.CallFailedException;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.FabricException;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app against the embedded stack: broker, registry, S3, router and gateway as child JVMs, the Spring Boot
 * app in this JVM as a user would run it, called through the Java SDK over HTTP and over Kafka.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringFunctionIT {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final String NODE_ID = "spring-function-it";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static String gatewayUrl;
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void startFabricAndApp() {
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        registryFirstWriteDone(stack.registryUrl());
        FabricComponents components = new FabricComponents(stack);
        CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
        CompletableFuture<ChildJvm> gateway =
                CompletableFuture.supplyAsync(() -> components.startGateway("gw-spring-it"));
        router.join();
        gatewayUrl = gateway.join().address();
        // After the others: on a busy CI host, JVMs starting side by side starve the registry the node registers with.
        app = SpringApplication.run(
                SpringFunctionApplication.class,
                "--fabric.bootstrap=" + stack.bootstrap(),
                "--fabric.registry=" + stack.registryUrl(),
                "--fabric.s3.endpoint=" + stack.s3Endpoint(),
                "--fabric.id=" + NODE_ID);
    }

    /**
     * On a fresh broker the registry's first write waits for the transaction coordinator (13 s on a loaded 2-core
     * host), longer than a node's 10 s registry timeout: make it before anything registers.
     */
    static void registryFirstWriteDone(String registryUrl) {
        SchemaRegistryClient registry = new SchemaRegistryClient(registryUrl);
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() ->
                        registry.register(CallEvent.getClassSchema().getFullName(), CallEvent.getClassSchema()) >= 0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theJavaSdkGetsTheTypedResultOfTheSpringFunction() {
        // README:spring-call:begin
        FabricClient fabric = FabricClient.connect(URI.create(gatewayUrl));
        Quote quote = fabric.call("pricing.quote", new Order("tea", 3, "EUR"), Quote.class);
        // README:spring-call:end

        assertThat(quote).isEqualTo(new Quote("tea", 3, 2.5, 7.5, "EUR"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void theCatalogShowsItsSignatureAndTheGatewayFillsInTheDefault() {
        FabricClient fabric = FabricClient.connect(URI.create(gatewayUrl));

        JsonNode described = fabric.function("pricing.quote");
        assertThat(described.path("signature").asText())
                .isEqualTo("pricing.quote(item: string, quantity: int, currency: string = \"EUR\")"
                        + " -> (item: string, quantity: int, unitPrice: double, total: double, currency: string)");
        assertThat(described.path("capabilities").get(0).asText()).isEqualTo("pricing");
        assertThat(described.path("nodes").get(0).path("executorId").asText()).isEqualTo(NODE_ID);

        Quote quote = fabric.call("pricing.quote", Map.of("item", "coffee", "quantity", 2), Quote.class);
        assertThat(quote).isEqualTo(new Quote("coffee", 2, 3.0, 6.0, "EUR"));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void argumentsThatDoNotFitAreRefusedByTheGatewayAndTheFunctionsOwnRefusalFailsTheCall() {
        FabricClient fabric = FabricClient.connect(URI.create(gatewayUrl));

        assertThatThrownBy(() -> fabric.call("pricing.quote", Map.of("item", "tea", "quantity", "three"), Quote.class))
                .isInstanceOfSatisfying(
                        FabricException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("bad_arguments")
                .hasMessageContaining("argument 'quantity' of 'pricing.quote' must be an int");
        assertThatThrownBy(() -> fabric.call("pricing.quote", new Order("mate", 1, "EUR"), Quote.class))
                .isInstanceOfSatisfying(
                        CallFailedException.class,
                        e -> assertThat(e.errorType()).isEqualTo("BadArguments"))
                .hasMessageContaining("no price for 'mate'");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aKafkaNativeCallerGetsTheTypedResultToo() {
        try (KafkaSubmitter submitter =
                KafkaSubmitter.start(KafkaSubmitterOptions.of(stack.bootstrap(), stack.registryUrl()))) {
            Quote quote =
                    submitter.call("pricing.quote", new Order("coffee", 1, "USD"), List.of("pricing"), Quote.class);

            assertThat(quote).isEqualTo(new Quote("coffee", 1, 3.0, 3.0, "USD"));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void closingTheAppWithdrawsItsFunctionFromTheCatalog() {
        FabricClient fabric = FabricClient.connect(URI.create(gatewayUrl));

        app.close();

        await().atMost(BOUND)
                .untilAsserted(() -> assertThatThrownBy(() -> fabric.function("pricing.quote"))
                        .isInstanceOfSatisfying(
                                FabricException.class,
                                e -> assertThat(e.status()).isEqualTo(404)));
    }
}
