package dev.computefabric.observability.http;

import dev.computefabric.observability.health.Health;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The operator endpoint's options, {@code --metrics-port} and {@code --metrics-host}, for the plain-Java components'
 * command lines ({@code @Mixin ObservabilityMixin endpoint;}), and the endpoint they describe.
 */
public final class ObservabilityMixin {

    private static final Logger log = LoggerFactory.getLogger(ObservabilityMixin.class);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--metrics-port",
            defaultValue = "${env:FABRIC_METRICS_PORT:-0}",
            description = "Port of /metrics and /health/{live,ready} (env FABRIC_METRICS_PORT); 0 for any free port,"
                    + " announced in the log, -1 for none (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--metrics-host",
            defaultValue = ObservabilityOptions.DEFAULT_HOST,
            description = "Interface of the metrics and health endpoint (default: ${DEFAULT-VALUE}).")
    String host;

    /** The options as given, or a usage error naming the bad one. */
    public ObservabilityOptions options() {
        try {
            return new ObservabilityOptions(host, port);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Serves {@code /metrics} and {@code /health/*} and says where in the log; empty with {@code --metrics-port -1}.
     *
     * @param instance the component's id, for the log line
     */
    public Optional<ObservabilityServer> serve(
            String component, String instance, PrometheusMeterRegistry meters, Health health) {
        ObservabilityOptions endpoint = options();
        if (!endpoint.enabled()) {
            return Optional.empty();
        }
        ObservabilityServer server = ObservabilityServer.start(endpoint, component, meters, health);
        log.info(
                "{} {}: metrics on {}{}, health on {}{}",
                component,
                instance,
                server.url(),
                ObservabilityServer.METRICS_PATH,
                server.url(),
                ObservabilityServer.READY_PATH);
        return Optional.of(server);
    }
}
