package dev.computefabric.gateway.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat moves bytes between a connection and its socket {@code fabric.http.socket-buffer-bytes} at a time (default
 * {@value #DEFAULT_BYTES}) instead of its own 8 KiB, both ways: an uploaded table reaches the gateway's spool, and a
 * downloaded one the client, in an eighth of the socket calls, each of which passed through every layer of the
 * connector (docs/benchmarks.md, "a table's bytes in larger reads" and "a download's bytes in larger writes").
 *
 * <p>The cost is heap: Tomcat gives every open connection a read and a write buffer of this size for as long as it
 * is open (128 KiB at the default, 16 KiB at Tomcat's), and every request in progress an input buffer as large as the
 * read buffer. A gateway that holds thousands of connections open at once (console streams, callers waiting for their
 * results) in a small heap sets it lower.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatSocketBuffers {

    public static final String PROPERTY = "fabric.http.socket-buffer-bytes";
    static final int DEFAULT_BYTES = 64 * 1024;
    static final int MIN_BYTES = 1024;
    static final int MAX_BYTES = 1024 * 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketBuffers(
            @Value("${" + PROPERTY + ":" + DEFAULT_BYTES + "}") int bytes) {
        String size = Integer.toString(checked(bytes));
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", size);
            connector.setProperty("socket.appWriteBufSize", size);
        });
    }

    static int checked(int bytes) {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException(PROPERTY + " must be between " + MIN_BYTES + " and " + MAX_BYTES
                    + " (Tomcat's own is 8192), got " + bytes);
        }
        return bytes;
    }
}
