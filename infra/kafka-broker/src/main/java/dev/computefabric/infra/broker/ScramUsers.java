package dev.computefabric.infra.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The SCRAM-SHA-512 users a secure broker is formatted with, read from a properties file of {@code user=password}. */
record ScramUsers(Map<String, String> passwords) {

    static final ScramUsers NONE = new ScramUsers(Map.of());
    static final String MECHANISM = "SCRAM-SHA-512";

    ScramUsers {
        passwords = Map.copyOf(passwords);
    }

    static ScramUsers load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SCRAM users file " + file.toAbsolutePath(), e);
        }
        Map<String, String> passwords = new TreeMap<>();
        properties.stringPropertyNames().forEach(user -> passwords.put(user, properties.getProperty(user)));
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("the SCRAM users file " + file.toAbsolutePath() + " names no user");
        }
        return new ScramUsers(passwords);
    }

    /** {@code --add-scram} arguments of Kafka's storage tool, one per user (KIP-900). */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        new TreeMap<>(passwords).forEach((user, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        return args;
    }

    @Override
    public String toString() {
        return "ScramUsers" + passwords.keySet();
    }
}
