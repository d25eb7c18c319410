package dev.computefabric.testkit.containers;

import java.util.List;
import java.util.Objects;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the fabric's images are: {@code <prefix>/<component>:<version>}, as {@code infra/images/build.sh} tags them
 * ({@code localhost/fabric/gateway:0.1.0-SNAPSHOT}).
 *
 * @param prefix registry and path before the component's name
 * @param version the tag
 */
public record FabricImages(String prefix, String version) {

    public static final String DEFAULT_PREFIX = "localhost/fabric";
    /** The version this module was built with; images of another version may speak another contract. */
    public static final String DEFAULT_VERSION = "0.1.0-SNAPSHOT";

    public static final String KAFKA = "kafka";
    public static final String REGISTRY = "registry";
    public static final String S3 = "s3";
    public static final String PROVISION = "provision";
    public static final String ROUTER = "router";
    public static final String GATEWAY = "gateway";
    public static final String EXECUTOR = "executor";
    /** Every image a {@link FabricContainer} starts. */
    public static final List<String> COMPONENTS = List.of(KAFKA, REGISTRY, S3, PROVISION, ROUTER, GATEWAY, EXECUTOR);

    public FabricImages {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(version, "version");
        if (prefix.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException(
                    "prefix and version must not be blank, got '" + prefix + "' and '" + version + "'");
        }
    }

    public static FabricImages defaults() {
        return new FabricImages(DEFAULT_PREFIX, DEFAULT_VERSION);
    }

    public String name(String component) {
        return prefix + "/" + component + ":" + version;
    }

    public DockerImageName image(String component) {
        return DockerImageName.parse(name(component));
    }

    /** The broker image, declared a substitute for {@code apache/kafka} so that Testcontainers' KafkaContainer runs it. */
    public DockerImageName kafka() {
        return image(KAFKA).asCompatibleSubstituteFor("apache/kafka");
    }
}
