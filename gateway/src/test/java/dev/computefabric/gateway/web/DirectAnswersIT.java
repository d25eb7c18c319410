package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Every answer {@link DirectAnswers} holds reaches its client whole, on a real Tomcat, whichever comes first: the
 * future or the end of the request's first pass. Futures complete before the handler returns, on another thread at
 * once (racing the first pass's end), or up to two milliseconds later; some fail. 64 requests in flight over
 * HTTP/1.1 keep-alive, as the bench's client sends them. {@code -Dfabric.answers=200000} for a longer run.
 */
@SpringBootTest(
        classes = DirectAnswersIT.Edge.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Not the gateway's application.properties: they name its Kafka followers' health.
        properties = "spring.config.name=direct-answers-it")
class DirectAnswersIT {

    private static final int ANSWERS = Integer.getInteger("fabric.answers", 2000);
    private static final int IN_FLIGHT = 64;
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        LATER.shutdownNow();
    }

    @Test
    void everyHeldAnswerArrivesWholeWhicheverEndsFirstTheFutureOrTheFirstPass() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<String>> answers = new ArrayList<>(ANSWERS);
        for (int n = 0; n < ANSWERS; n++) {
            slots.acquire();
            // -1: complete before the handler returns; 0: completed by another thread at once; else micros later.
            long delay = switch (n % 4) {
                case 0 -> -1;
                case 1 -> 0;
                default -> ThreadLocalRandom.current().nextLong(2000);
            };
            int expected = n % 10 == 9 ? 409 : 200;
            String body = "{\"n\":" + n + ",\"padding\":\"" + "x".repeat(n % 100) + "\"}";
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/answers/" + n + "?delayMicros=" + delay))
                    .timeout(Duration.ofSeconds(60))
                    .build();
            int call = n;
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        slots.release();
                        if (failure != null) {
                            return "answer " + call + " failed: " + failure;
                        }
                        if (response.statusCode() != expected) {
                            return "answer " + call + " was " + response.statusCode() + ": " + response.body();
                        }
                        return expected == 200 && !response.body().equals(body)
                                ? "answer " + call + " was " + response.body()
                                : "";
                    }));
        }
        List<String> wrong = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream()
                        .map(CompletableFuture::join)
                        .filter(answer -> !answer.isEmpty())
                        .toList())
                .get(5, TimeUnit.MINUTES);

        assertThat(wrong).isEmpty();
    }

    /** The gateway's edge, as {@code WebEdgeConfiguration} installs it, around a handler of futures. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Answers.class)
    static class Edge {

        @Bean
        SmartInitializingSingleton directAnswers(
                RequestMappingHandlerAdapter adapter,
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
            return () -> DirectAnswers.install(adapter, errors, Duration.ofSeconds(60));
        }

        @Bean
        FilterRegistrationBean<Filter> directAnswersFirstPass() {
            return DirectAnswers.firstPassFilter();
        }
    }

    record Answer(int n, String padding) {}

    @RestController
    static class Answers {

        @GetMapping("/answers/{n}")
        CompletableFuture<ResponseEntity<Answer>> answer(@PathVariable int n, @RequestParam long delayMicros) {
            CompletableFuture<ResponseEntity<Answer>> answer = new CompletableFuture<>();
            Runnable settle = () -> {
                if (n % 10 == 9) {
                    answer.completeExceptionally(new ResponseStatusException(HttpStatus.CONFLICT, "answer " + n));
                } else {
                    answer.complete(ResponseEntity.ok(new Answer(n, "x".repeat(n % 100))));
                }
            };
            if (delayMicros < 0) {
                settle.run();
            } else if (delayMicros == 0) {
                LATER.execute(settle);
            } else {
                LATER.schedule(settle, delayMicros, TimeUnit.MICROSECONDS);
            }
            return answer;
        }
    }
}
