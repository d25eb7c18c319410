package dev.computefabric.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The credentials a fabric process presents on a secure fabric: to Kafka as a SASL/SCRAM-SHA-512 user, to the schema
 * registry's write endpoints as HTTP Basic. The one place that turns them into client settings; every role's Kafka
 * properties add {@link #kafkaProperties()}.
 *
 * <p>A process finds its own in its environment ({@link #USER_ENV}, {@link #PASSWORD_ENV}): the launcher passes them
 * there because a command line is visible to every user of the machine ({@code ps}), an environment only to the
 * process's owner. No credentials there means a plaintext fabric without authentication, the default.
 *
 * @param user     the principal's name, {@code User:<user>} in the broker's ACLs
 * @param password its secret; never printed, {@link #toString()} masks it
 */
public record FabricCredentials(String user, String password) {

    public static final String USER_ENV = "FABRIC_KAFKA_USER";
    public static final String PASSWORD_ENV = "FABRIC_KAFKA_PASSWORD";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    /** No TLS on a local fabric; production runs {@code SASL_SSL} (docs/security.md). */
    public static final SecurityProtocol SECURITY_PROTOCOL = SecurityProtocol.SASL_PLAINTEXT;

    // Both go into a JAAS line between double quotes, and the user into ACL principals: no quoting games.
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    public FabricCredentials {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user must match " + USER + ", got '" + user + "'");
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException(
                    "password of " + user + " must be non-empty and match " + PASSWORD + " (it was not)");
        }
    }

    /** This process's credentials, if its environment holds both variables. */
    public static Optional<FabricCredentials> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static Optional<FabricCredentials> fromEnvironment(Map<String, String> env) {
        String user = env.get(USER_ENV);
        String password = env.get(PASSWORD_ENV);
        if (user == null && password == null) {
            return Optional.empty();
        }
        if (user == null || password == null) {
            throw new IllegalArgumentException(
                    "set both " + USER_ENV + " and " + PASSWORD_ENV + " for a secure fabric, or neither");
        }
        return Optional.of(new FabricCredentials(user, password));
    }

    /** The Kafka security settings of this process: SASL/SCRAM with its credentials, or none on a plaintext fabric. */
    public static Map<String, Object> kafkaPropertiesFromEnvironment() {
        return fromEnvironment().map(FabricCredentials::kafkaProperties).orElse(Map.of());
    }

    /** What a Kafka client (producer, consumer, admin, Streams) needs to log in as {@link #user()}. */
    public Map<String, Object> kafkaProperties() {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                SECURITY_PROTOCOL.name,
                SaslConfigs.SASL_MECHANISM,
                SASL_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    /** The environment a child process finds these credentials in. */
    public Map<String, String> environment() {
        return Map.of(USER_ENV, user, PASSWORD_ENV, password);
    }

    /** The value of an HTTP {@code Authorization} header: Basic, as Confluent's {@code basic.auth.user.info} sends. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "FabricCredentials[user=" + user + ", password=***]";
    }
}
