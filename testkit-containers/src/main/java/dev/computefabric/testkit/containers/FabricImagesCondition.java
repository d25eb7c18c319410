package dev.computefabric.testkit.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** {@link EnabledIfFabricImages}: an engine that answers, and every image {@link FabricContainer} starts. */
public final class FabricImagesCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return whyNot(FabricImages.defaults())
                .map(reason -> ConditionEvaluationResult.disabled("skipped: " + reason))
                .orElseGet(() -> ConditionEvaluationResult.enabled("a container engine and the fabric's images"));
    }

    /** Why a {@link FabricContainer} of these images cannot start here, if it cannot. */
    public static Optional<String> whyNot(FabricImages images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.of("no container engine answers (Testcontainers looked at DOCKER_HOST, then the usual"
                    + " sockets; with podman: `podman system service --time=0 unix:///run/podman/podman.sock`,"
                    + " DOCKER_HOST=unix:///run/podman/podman.sock, TESTCONTAINERS_RYUK_DISABLED=true)");
        }
        DockerClient docker = DockerClientFactory.instance().client();
        List<String> missing = new ArrayList<>();
        for (String component : FabricImages.COMPONENTS) {
            try {
                docker.inspectImageCmd(images.name(component)).exec();
            } catch (NotFoundException e) {
                missing.add(images.name(component));
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("missing image(s) " + String.join(", ", missing) + " (no registry has them: build them"
                + " with infra/images/build.sh after ./mvnw -B -DskipTests package)");
    }
}
