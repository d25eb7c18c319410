package dev.computefabric.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that serves {@link Pricing#quote} on the fabric: the starter finds the
 * {@code @FabricFunction} method and runs a compute node configured in {@code application.yaml}.
 */
@SpringBootApplication
public class SpringFunctionApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringFunctionApplication.class, args);
    }
}
