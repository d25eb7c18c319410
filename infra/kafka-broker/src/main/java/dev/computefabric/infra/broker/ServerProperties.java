package dev.computefabric.infra.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    /**
     * The {@code host:port} clients bootstrap from: the first listener that is not a controller listener.
     * Advertised listeners win over bind listeners, as they do for the broker itself.
     */
    /** Whether the controller quorum is static ({@code controller.quorum.voters}) rather than this node alone. */
    boolean hasStaticVoters() {
        return properties.getProperty("controller.quorum.voters") != null;
    }

    String clientAddress() {
        Set<String> controllerNames = Arrays.stream(
                        properties.getProperty("controller.listener.names", "").split(","))
                .map(String::trim)
                .collect(Collectors.toSet());
        String listeners = properties.getProperty("advertised.listeners", required("listeners"));
        for (String listener : listeners.split(",")) {
            String[] nameAndAddress = listener.trim().split("://", 2);
            if (nameAndAddress.length == 2 && !controllerNames.contains(nameAndAddress[0])) {
                return nameAndAddress[1];
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
