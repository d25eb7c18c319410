package dev.computefabric.executor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, from a resource Maven fills in, for the presence record. */
final class BuildInfo {

    static final String UNKNOWN = "unknown";

    private BuildInfo() {}

    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN);
            return version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
