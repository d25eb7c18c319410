package dev.computefabric.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.computefabric.schemas.IdempotencyKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link FabricClient#submit} against a local HTTP server that answers as a gateway in trouble would. */
class FabricClientRetryTest {

    private final List<String> keys = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** A gateway whose n-th answer (from 0) to {@code POST /v1/calls} is {@code answers.apply(n)}: status and body. */
    private FabricClient gateway(IntFunction<Object[]> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(FabricClient.CALLS_PATH, exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst(IdempotencyKeys.HEADER));
            Object[] answer = answers.apply(keys.size() - 1);
            reply(exchange, (int) answer[0], (String) answer[1]);
        });
        server.start();
        return FabricClient.connect(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCallRefusedWithA503IsSentAgainUnderTheSameIdempotencyKey() throws IOException {
        FabricClient fabric = gateway(n -> n < 2
                ? new Object[] {503, "{\"error\": \"fabric_unavailable\", \"message\": \"Kafka is down\"}"}
                : new Object[] {202, "{\"callId\": \"c-1\", \"function\": \"echo\", \"state\": \"ACCEPTED\"}"});

        CallResult result = fabric.submit(CallRequest.of("echo"));

        assertThat(result.callId()).isEqualTo("c-1");
        assertThat(keys).hasSize(3).doesNotContainNull();
        assertThat(keys).containsOnly(keys.get(0));
    }

    @Test
    void aCallTheGatewayRefusesForItsOwnFaultIsNotSentAgain() throws IOException {
        FabricClient fabric = gateway(n ->
                new Object[] {400, "{\"error\": \"invalid_request\", \"message\": \"a request needs \\\"function\\\"\"}"
                });

        assertThatThrownBy(() -> fabric.submit(CallRequest.of("echo")))
                .isInstanceOf(FabricException.class)
                .satisfies(e -> assertThat(((FabricException) e).status()).isEqualTo(400));
        assertThat(keys).hasSize(1);
    }

    @Test
    void everyCallHasAKeyOfItsOwn() throws IOException {
        FabricClient fabric =
                gateway(n -> new Object[] {202, "{\"callId\": \"c-" + n + "\", \"state\": \"ACCEPTED\"}"});

        fabric.submit(CallRequest.of("echo"));
        fabric.submit(CallRequest.of("echo"));

        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
    }
}
