package dev.computefabric.gateway;

import dev.computefabric.common.ProcessLink;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The gateway process. Started by the launcher as a child JVM ({@code target/classes} plus
 * {@code target/fabric-classpath.txt}), or by hand:
 * {@code java -cp ... dev.computefabric.gateway.GatewayApplication --server.port=8080 --fabric.bootstrap=...}.
 */
@SpringBootApplication
public class GatewayApplication {

    static final String COMPONENT = "gateway";

    public static void main(String[] args) {
        ProcessLink.attach(COMPONENT);
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        app.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> ProcessLink.ready(
                COMPONENT,
                "http://127.0.0.1:"
                        + ready.getApplicationContext().getEnvironment().getProperty("local.server.port")));
        app.run(args);
    }
}
