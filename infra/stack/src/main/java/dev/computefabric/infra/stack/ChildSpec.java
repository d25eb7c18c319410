package dev.computefabric.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to run in a child JVM.
 *
 * @param name          names the child, e.g. {@code executor-2}, and its log file {@code <name>.log}; the child
 *                      is ready when it prints {@code FABRIC-READY <component> <address>} (see {@code ProcessLink})
 * @param mainClass     class whose {@code main} runs
 * @param classpath     entries of the child's classpath, in order
 * @param args          program arguments
 * @param jvmOptions    options for the {@code java} command, e.g. {@code -Xmx256m}
 * @param env           environment variables added to the launcher's own
 * @param readyTimeout  how long the child may take to announce readiness
 * @param commandPrefix a command the {@code java} command runs behind, e.g. {@code ip netns exec <namespace>} to run
 *                      the child in a network namespace; none by default. It must exec its argument in place (as
 *                      {@code ip netns exec}, {@code env} and {@code nice} do), so that the process this launcher
 *                      watches, signals and stops is the child's JVM
 */
public record ChildSpec(
        String name,
        String mainClass,
        List<Path> classpath,
        List<String> args,
        List<String> jvmOptions,
        Map<String, String> env,
        Duration readyTimeout,
        List<String> commandPrefix) {

    /**
     * Generous: on a 2-core machine shared with other builds (load average 40-60 seen), a gateway took over 60 s
     * from launch to readiness, and the broker and router missed 60 s too.
     */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public ChildSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name must match " + NAME + " (it names the log file), got '" + name + "'");
        }
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("mainClass must not be blank");
        }
        if (classpath == null || classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath of " + name + " must not be empty");
        }
        if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be positive, got " + readyTimeout);
        }
        classpath = List.copyOf(classpath);
        args = List.copyOf(args);
        jvmOptions = List.copyOf(jvmOptions);
        env = Map.copyOf(env);
        commandPrefix = commandPrefix == null ? List.of() : List.copyOf(commandPrefix);
        if (commandPrefix.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("commandPrefix of " + name + " has a blank word: " + commandPrefix);
        }
    }

    public static Builder builder(String name, String mainClass, List<Path> classpath) {
        return new Builder(name, mainClass, classpath);
    }

    /** Optional parts default to none, and the ready timeout to {@link #DEFAULT_READY_TIMEOUT}. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private final List<Path> classpath;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private final List<String> commandPrefix = new ArrayList<>();

        private Builder(String name, String mainClass, List<Path> classpath) {
            this.name = name;
            this.mainClass = mainClass;
            this.classpath = classpath;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder args(String... values) {
            return args(List.of(values));
        }

        public Builder jvmOptions(List<String> values) {
            jvmOptions.addAll(values);
            return this;
        }

        public Builder jvmOptions(String... values) {
            return jvmOptions(List.of(values));
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder readyTimeout(Duration value) {
            readyTimeout = value;
            return this;
        }

        /** Words the {@code java} command runs behind, e.g. {@code ip netns exec <namespace>}: see {@link ChildSpec}. */
        public Builder commandPrefix(List<String> values) {
            commandPrefix.addAll(values);
            return this;
        }

        public ChildSpec build() {
            return new ChildSpec(name, mainClass, classpath, args, jvmOptions, env, readyTimeout, commandPrefix);
        }
    }
}
