package dev.computefabric.gateway;

import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.gateway.web.CallViewRenderer;
import dev.computefabric.gateway.web.DirectAnswers;
import jakarta.servlet.Filter;
import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The HTTP edge: how requests are read and answers written, how long a waiting request may stay open, and the
 * {@link DirectAnswers} that write a call's answer when its future completes.
 */
@Configuration(proxyBeanMethods = false)
public class WebEdgeConfiguration {

    /**
     * Spring MVC's own deadline for an asynchronous request; only a backstop, since every wait ends by
     * itself at max-wait. The margin covers producing the call (delivery timeout) before the wait starts.
     */
    static final Duration ASYNC_TIMEOUT_MARGIN =
            Duration.ofMillis(KafkaClientConfig.PRODUCER_DELIVERY_TIMEOUT_MS).plusSeconds(30);

    @Bean
    CallRequestParser callRequestParser(GatewayProperties properties) {
        return new CallRequestParser(properties.maxWait(), properties.maxRequestBytes());
    }

    @Bean
    CallViewRenderer callViewRenderer() {
        return new CallViewRenderer();
    }

    @Bean
    WebMvcConfigurer asyncRequestTimeout(GatewayProperties properties) {
        long timeoutMs = asyncTimeout(properties).toMillis();
        return new WebMvcConfigurer() {
            @Override
            public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
                configurer.setDefaultTimeout(timeoutMs);
            }
        };
    }

    /** Calls and pipelines answered when their future completes, without Spring MVC's second dispatch. */
    @Bean
    SmartInitializingSingleton directAnswers(
            RequestMappingHandlerAdapter adapter,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
            GatewayProperties properties) {
        return () -> DirectAnswers.install(adapter, errors, asyncTimeout(properties));
    }

    @Bean
    FilterRegistrationBean<Filter> directAnswersFirstPass() {
        return DirectAnswers.firstPassFilter();
    }

    private static Duration asyncTimeout(GatewayProperties properties) {
        return properties.maxWait().plus(ASYNC_TIMEOUT_MARGIN);
    }
}
