package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import dev.computefabric.testing.JavaJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own function in a jar of its own, built outside the fabric (compiled here at test time), served by
 * {@code ./fabric executor --functions <jar>} and called over HTTP and over Kafka.
 */
@ExtendWith(SharedFabric.class)
class FunctionJarIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** A typed function: its arguments and output are records; the fabric decodes, checks and encodes them. */
    static final String DISCOUNT = """
            package com.example.shop;

            import dev.computefabric.executor.function.CallContext;
            import dev.computefabric.executor.function.FabricParam;
            import dev.computefabric.executor.function.TypedFunction;

            public final class Discount extends TypedFunction<Discount.Order, Discount.Price> {

                public record Order(double amount, @FabricParam(defaultValue = "10") int percent) {}

                public record Price(double total, int percent) {}

                public Discount() {
                    super("shop.discount", Order.class, Price.class);
                }

                @Override
                protected Price apply(Order order, CallContext context) {
                    return new Price(order.amount() * (100 - order.percent()) / 100.0, order.percent());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aFunctionFromAJarOfItsOwnIsCalledOverHttpAndOverKafka(LocalFabric fabric) {
        Path jar = JavaJars.build(
                dir.resolve("shop-functions.jar"),
                Map.of("com.example.shop.Discount", DISCOUNT),
                Map.of(
                        "META-INF/services/dev.computefabric.executor.function.FabricFunction",
                        "com.example.shop.Discount\n"));
        String capability =
                "shop-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        fabric.startExecutor(new LocalFabric.ExecutorSpec(
                "shop-node", List.of(capability), 2, List.of("--functions", jar.toString())));

        ObjectNode request = GatewayClient.call("shop.discount");
        request.putObject("args").put("amount", 200);
        request.putArray("requirements").add(capability);
        GatewayClient.Answer overHttp = new GatewayClient(fabric.gatewayUrl()).submit(request, WAIT);

        assertThat(overHttp.state()).as("answer %s", overHttp.body()).isEqualTo("FINISHED");
        assertThat(overHttp.body().path("output").toString()).isEqualTo("{\"total\":180.0,\"percent\":10}");
        assertThat(overHttp.body().path("executorId").asText()).isEqualTo("shop-node");

        try (KafkaSubmitter submitter = KafkaSubmitter.start(KafkaSubmitterOptions.of(
                fabric.stack().bootstrap(), fabric.stack().registryUrl()))) {
            FuncResult overKafka =
                    submitter.call("shop.discount", "{\"amount\": 50, \"percent\": 50}", List.of(capability));
            assertThat(overKafka.getState()).isEqualTo(CallState.FINISHED);
            assertThat(overKafka.getOutput()).isEqualTo("{\"total\":25.0,\"percent\":50}");

            // Straight to Kafka, so no gateway checks it: the function's own decoding refuses it, naming the field.
            FuncResult wrong = submitter.call("shop.discount", "{\"amount\": \"lots\"}", List.of(capability));
            assertThat(wrong.getState()).isEqualTo(CallState.FAILED);
            assertThat(wrong.getError().getType()).isEqualTo("BadArguments");
            assertThat(wrong.getError().getMessage()).startsWith("shop.discount: \"amount\" (double) must be a number");
        }
    }
}
