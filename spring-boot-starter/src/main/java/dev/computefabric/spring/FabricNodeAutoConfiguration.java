package dev.computefabric.spring;

import dev.computefabric.executor.function.FabricFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs a compute node in a Spring Boot application: it serves the application's
 * {@link dev.computefabric.spring.FabricFunction @FabricFunction} methods and its {@code FabricFunction} beans, is
 * configured from {@code fabric.*} ({@link FabricNodeProperties}), and starts and stops with the context.
 * {@code fabric.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = FabricNodeProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(FabricNodeProperties.class)
public class FabricNodeAutoConfiguration {

    /** Static: a post-processor must exist before the beans it looks at. */
    @Bean
    static FabricFunctionMethods fabricFunctionMethods() {
        return new FabricFunctionMethods();
    }

    @Bean
    FabricNodeLifecycle fabricNode(
            FabricNodeProperties properties, ObjectProvider<FabricFunction> beans, FabricFunctionMethods methods) {
        return new FabricNodeLifecycle(
                properties, () -> FabricNodeLifecycle.all(beans.orderedStream().toList(), methods.functions()));
    }
}
