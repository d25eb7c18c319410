package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

class TomcatSocketBuffersTest {

    @Test
    void theGatewaysConnectorReadsAndWritesItsSocketInBuffersOfTheConfiguredSize() {
        assertThat(bufferSizes(TomcatSocketBuffers.DEFAULT_BYTES)).containsExactly("65536", "65536");
        assertThat(bufferSizes(8192)).containsExactly("8192", "8192");
    }

    @Test
    void aSizeOutsideTheRangeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new TomcatSocketBuffers().socketBuffers(512))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fabric.http.socket-buffer-bytes must be between 1024 and 1048576")
                .hasMessageContaining("got 512");
        assertThatThrownBy(() -> new TomcatSocketBuffers().socketBuffers(2 * 1024 * 1024))
                .hasMessageContaining("got 2097152");
    }

    private static Object[] bufferSizes(int bytes) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new TomcatSocketBuffers().socketBuffers(bytes).customize(factory);
        TomcatWebServer server = (TomcatWebServer) factory.getWebServer();
        try {
            server.start();
            Connector connector = server.getTomcat().getService().findConnectors()[0];
            return new Object[] {
                connector.getProperty("socket.appReadBufSize"), connector.getProperty("socket.appWriteBufSize")
            };
        } finally {
            server.stop();
        }
    }
}
