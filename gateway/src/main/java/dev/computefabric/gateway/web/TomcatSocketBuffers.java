package dev.computefabric.gateway.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat moves bytes between a connection and its socket {@value #SOCKET_BUFFER_BYTES} bytes at a time instead of
 * its default 8 KiB, both ways: an uploaded table reaches the gateway's spool, and a downloaded one the client, in an
 * eighth of the socket calls, each of which passed through every layer of the connector (docs/benchmarks.md, "a
 * table's bytes in larger reads" and "a download's bytes in larger writes"). The buffers belong to a connection while
 * it is processed.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatSocketBuffers {

    static final int SOCKET_BUFFER_BYTES = 64 * 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> largerSocketBuffers() {
        String bytes = Integer.toString(SOCKET_BUFFER_BYTES);
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", bytes);
            connector.setProperty("socket.appWriteBufSize", bytes);
        });
    }
}
