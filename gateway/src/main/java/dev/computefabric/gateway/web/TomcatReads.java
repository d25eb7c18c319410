package dev.computefabric.gateway.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat reads a request's body from the socket {@value #SOCKET_READ_BYTES} bytes at a time instead of its default
 * 8 KiB: an uploaded table reaches the gateway's spool in an eighth of the reads, each of which passed through
 * every layer of the connector (docs/benchmarks.md, "a table's bytes in larger reads"). The buffer belongs to a
 * connection while it is processed.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatReads {

    static final int SOCKET_READ_BYTES = 64 * 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> largerSocketReads() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_READ_BYTES)));
    }
}
