package dev.computefabric.gateway.security;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.SecondLook;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.gateway.kafka.TokenListener;
import dev.computefabric.gateway.pipelines.PipelineNotFoundException;
import dev.computefabric.gateway.pipelines.RecentPipelines;
import dev.computefabric.gateway.tables.TableGrants;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.tables.TableStore;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authentication and authorization, with {@code fabric.security.enabled=true}: bearer credentials on every
 * {@code /v1} request, the policy's grants and quotas on every call, and each caller's view narrowed to its own
 * calls. Without it none of these beans exist and the gateway answers anyone, as before.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "fabric.security", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    PolicyFile policyFile(SecurityProperties properties, Clock clock) {
        return new PolicyFile(properties.policyFile(), clock, properties.policyCheckInterval());
    }

    @Bean
    CallOwners callOwners(CallIndex index, SecondLook secondLook) {
        return new CallOwners(index, secondLook);
    }

    @Bean
    CallAccess callAccess(PolicyFile policy, CallOwners owners) {
        return new CallAccess(policy, owners);
    }

    @Bean(destroyMethod = "close")
    TableGrants tableGrants(TableStore store) {
        return new TableGrants(store);
    }

    @Bean
    CallGuard callGuard(PolicyFile policy, CallOwners owners, TableGrants tables, Clock clock) {
        return new PolicyCallGuard(policy, new Quotas(clock), owners, tables);
    }

    @Bean
    ApiTokenStore apiTokenStore() {
        return new ApiTokenStore();
    }

    /** Has read every token before the web server opens, so no valid token is refused at start. */
    @Bean(destroyMethod = "close")
    TokenListener tokenListener(
            KafkaClientConfig kafka, FabricSerdes serdes, ApiTokenStore store, SecurityProperties properties) {
        TokenListener listener = new TokenListener(
                new KafkaConsumer<>(
                        kafka.catalogConsumer("tokens"), new StringDeserializer(), serdes.deserializer(ApiToken.class)),
                store::onRecord);
        listener.start(properties.tokensStartupTimeout());
        log.info(
                "security on: {} API tokens, JWTs {}",
                store.size(),
                properties.jwt().enabled() ? "from " + properties.jwt().issuer() : "not accepted");
        return listener;
    }

    @Bean
    FilterRegistrationBean<BearerAuthentication> bearerAuthentication(
            ApiTokenStore tokens, CallAccess access, SecurityProperties properties, Clock clock) {
        Optional<JwtAuthenticator> jwt =
                properties.jwt().enabled() ? Optional.of(new JwtAuthenticator(properties.jwt())) : Optional.empty();
        FilterRegistrationBean<BearerAuthentication> registration =
                new FilterRegistrationBean<>(new BearerAuthentication(tokens, jwt, access, clock));
        registration.addUrlPatterns(BearerAuthentication.PROTECTED_PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** A call, or a pipeline, is answered only to whoever submitted it and to admins: 404 to anyone else. */
    @Bean
    WebMvcConfigurer callVisibility(CallAccess access, RecentPipelines pipelines) {
        CallVisibility ofPipelines = CallVisibility.ofPipelines(
                (caller, id) -> access.maySee(caller, pipelines.find(id).map(PipelineStatus::getCaller)),
                PipelineNotFoundException::new);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CallVisibility(access)).addPathPatterns("/v1/calls/**");
                registry.addInterceptor(ofPipelines).addPathPatterns("/v1/pipelines/**");
            }
        };
    }
}
