package dev.computefabric.infra.stack;

import dev.computefabric.schemas.FabricCredentials;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The passwords of a secure stack, one per {@link FabricRole}: made with a {@link SecureRandom} the first time a
 * stack runs on a data directory, kept in {@code secrets/} there (readable by its owner only) and reused when the stack
 * restarts on it, because the broker keeps the SCRAM credentials it was formatted with. Never logged; children get
 * theirs through the environment ({@link FabricCredentials#environment()}) or, for the broker and the registry, which
 * must know several, through these files.
 */
public final class StackCredentials {

    static final String DIRECTORY = "secrets";
    /** Every role's password: the broker formats its SCRAM users from it. */
    static final String USERS_FILE = "kafka-users.properties";
    /** The roles the registry takes writes from ({@link FabricRole#registryWriter()}). */
    static final String REGISTRY_WRITERS_FILE = "registry-writers.properties";

    /** {@code schema.registry.url}: where Confluent's serializers in every language look for the registry. */
    public static final String REGISTRY_URL_PROPERTY = "schema.registry.url";

    private static final int PASSWORD_LENGTH = 32;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<FabricRole, FabricCredentials> byRole;
    private final Path directory;

    private StackCredentials(Map<FabricRole, FabricCredentials> byRole, Path directory) {
        this.byRole = Map.copyOf(byRole);
        this.directory = directory;
    }

    /** The credentials kept in {@code dataDir}, made and written there first if it has none. */
    static StackCredentials loadOrCreate(Path dataDir) {
        Path directory = dataDir.resolve(DIRECTORY);
        Path users = directory.resolve(USERS_FILE);
        Map<FabricRole, FabricCredentials> byRole = Files.isRegularFile(users) ? read(users) : generate();
        StackCredentials credentials = new StackCredentials(byRole, directory);
        credentials.write(users, role -> true);
        credentials.write(directory.resolve(REGISTRY_WRITERS_FILE), FabricRole::registryWriter);
        return credentials;
    }

    public FabricCredentials of(FabricRole role) {
        return byRole.get(role);
    }

    /** {@code user=password} of every role, for the broker's format step. */
    Path usersFile() {
        return directory.resolve(USERS_FILE);
    }

    /** {@code user=password} of the roles the registry takes writes from. */
    Path registryWritersFile() {
        return directory.resolve(REGISTRY_WRITERS_FILE);
    }

    /**
     * Writes {@code <user>.properties} next to the passwords: what a Kafka client of {@code role} needs to reach this
     * fabric ({@code bootstrap.servers}, the SASL settings, {@link #REGISTRY_URL_PROPERTY}), loadable as it is by a Java
     * client or {@code KafkaSubmitterOptions#fromProperties}. Owner-only, like every file here.
     */
    /** Where {@link #writeClientProperties} writes {@code role}'s: {@code secrets/<user>.properties}. */
    Path clientPropertiesFile(FabricRole role) {
        return directory.resolve(role.user() + ".properties");
    }

    Path writeClientProperties(FabricRole role, String bootstrap, String registryUrl) {
        StringBuilder text = new StringBuilder(
                        "# Written by EmbeddedStack: how a Kafka client logs in to this fabric as ")
                .append(role.user())
                .append(" (docs/security.md). Keep it private.\n");
        text.append(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                .append('=')
                .append(bootstrap)
                .append('\n');
        // Written as they are, not through Properties#store: its escapes (\=) are Java's, and other languages read
        // this.
        of(role).kafkaProperties().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(setting -> text.append(setting.getKey())
                        .append('=')
                        .append(setting.getValue())
                        .append('\n'));
        text.append(REGISTRY_URL_PROPERTY).append('=').append(registryUrl).append('\n');
        Path file = clientPropertiesFile(role);
        writePrivate(file, text.toString());
        return file;
    }

    private static Map<FabricRole, FabricCredentials> generate() {
        Map<FabricRole, FabricCredentials> byRole = new EnumMap<>(FabricRole.class);
        for (FabricRole role : FabricRole.values()) {
            byRole.put(role, new FabricCredentials(role.user(), password()));
        }
        return byRole;
    }

    private static String password() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static Map<FabricRole, FabricCredentials> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's credentials " + file, e);
        }
        Map<FabricRole, FabricCredentials> byRole = new EnumMap<>(FabricRole.class);
        for (FabricRole role : FabricRole.values()) {
            String password = properties.getProperty(role.user());
            if (password == null) {
                throw new IllegalStateException(
                        file + " has no password for " + role.user()
                                + "; it was not written by this version of the stack. Delete the data directory to start afresh");
            }
            byRole.put(role, new FabricCredentials(role.user(), password));
        }
        return byRole;
    }

    private void write(Path file, Predicate<FabricRole> which) {
        StringBuilder text =
                new StringBuilder("# Written by EmbeddedStack: passwords of a secure stack. Keep it private.\n");
        for (FabricRole role : FabricRole.values()) {
            if (which.test(role)) {
                text.append(role.user()).append('=').append(of(role).password()).append('\n');
            }
        }
        writePrivate(file, text.toString());
    }

    private static void writePrivate(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file) && ownerOnlySupported()) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file)) {
                writer.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's credentials " + file, e);
        }
    }

    private static boolean ownerOnlySupported() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "StackCredentials" + byRole.keySet() + " in " + directory;
    }
}
