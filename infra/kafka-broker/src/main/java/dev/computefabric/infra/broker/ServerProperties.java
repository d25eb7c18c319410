package dev.computefabric.infra.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** The few facts BrokerMain needs from the broker's own server.properties. */
record ServerProperties(Properties properties) {

    static ServerProperties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read broker config " + file.toAbsolutePath(), e);
        }
        return new ServerProperties(properties);
    }

    int nodeId() {
        String value = required("node.id");
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("node.id must be an integer, got '" + value + "'", e);
        }
    }

    /** Whether the controller quorum is static ({@code controller.quorum.voters}) rather than this node alone. */
    boolean hasStaticVoters() {
        return properties.getProperty("controller.quorum.voters") != null;
    }

    /**
     * The {@code host:port} clients bootstrap from: the first listener that is not a controller listener.
     * Advertised listeners win over bind listeners, as they do for the broker itself.
     */
    String clientAddress() {
        return clientListener()[1];
    }

    /**
     * What a client of this broker needs to log in as the broker itself: nothing on a plaintext listener; on a SASL
     * listener the broker's own inter-broker mechanism and JAAS login (a super user), so the readiness probe can ask.
     */
    Map<String, String> clientSecurity() {
        String name = clientListener()[0];
        String protocol = protocolOf(name);
        if (!protocol.startsWith("SASL_")) {
            return Map.of();
        }
        String mechanism = required("sasl.mechanism.inter.broker.protocol");
        String jaasKey = "listener.name." + name.toLowerCase(Locale.ROOT) + "." + mechanism.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config";
        return Map.of(
                "security.protocol", protocol,
                "sasl.mechanism", mechanism,
                "sasl.jaas.config", required(jaasKey));
    }

    private String protocolOf(String listenerName) {
        for (String entry :
                properties.getProperty("listener.security.protocol.map", "").split(",")) {
            String[] nameAndProtocol = entry.trim().split(":", 2);
            if (nameAndProtocol.length == 2 && nameAndProtocol[0].equals(listenerName)) {
                return nameAndProtocol[1];
            }
        }
        // Without a map entry Kafka takes the listener's name as its protocol (PLAINTEXT://...).
        return listenerName;
    }

    /** The client listener's name and {@code host:port}. */
    private String[] clientListener() {
        Set<String> controllerNames = Arrays.stream(
                        properties.getProperty("controller.listener.names", "").split(","))
                .map(String::trim)
                .collect(Collectors.toSet());
        String listeners = properties.getProperty("advertised.listeners", required("listeners"));
        for (String listener : listeners.split(",")) {
            String[] nameAndAddress = listener.trim().split("://", 2);
            if (nameAndAddress.length == 2 && !controllerNames.contains(nameAndAddress[0])) {
                return nameAndAddress;
            }
        }
        throw new IllegalArgumentException(
                "no client listener (one not named in controller.listener.names) in '" + listeners + "'");
    }

    private String required(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("broker config has no " + key);
        }
        return value;
    }
}
