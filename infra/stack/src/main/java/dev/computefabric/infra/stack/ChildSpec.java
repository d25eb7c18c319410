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
 * @param name         names the child, e.g. {@code executor-2}, and its log file {@code <name>.log}; the child
 *                     is ready when it prints {@code FABRIC-READY <component> <address>} (see {@code ProcessLink})
 * @param mainClass    class whose {@code main} runs
 * @param classpath    entries of the child's classpath, in order
 * @param args         program arguments
 * @param jvmOptions   options for the {@code java} command, e.g. {@code -Xmx256m}
 * @param env          environment variables added to the launcher's own
 * @param readyTimeout how long the child may take to announce readiness
 */
public record ChildSpec(
        String name,
        String mainClass,
        List<Path> classpath,
        List<String> args,
        List<String> jvmOptions,
        Map<String, String> env,
        Duration readyTimeout) {

    /**
     * A gateway took 45-60 s to get ready on two cores shared with another stack's start and two builds (Spring
     * context alone 20 s): a minute failed whole test runs on such a machine without anything being wrong.
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

        public ChildSpec build() {
            return new ChildSpec(name, mainClass, classpath, args, jvmOptions, env, readyTimeout);
        }
    }
}
