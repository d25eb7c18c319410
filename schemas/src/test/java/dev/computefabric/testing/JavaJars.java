package dev.computefabric.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A jar built while a test runs, from Java sources held as strings: code that is not on the test's class path,
 * as a user's jar would be. Compiled against the test's own class path (so it may use the fabric's API).
 */
public final class JavaJars {

    private JavaJars() {}

    /**
     * Compiles {@code sources} (fully qualified class name to source) and writes the classes plus
     * {@code resources} (path in the jar to text, e.g. a {@code META-INF/services} file) to {@code jar}.
     */
    public static Path build(Path jar, Map<String, String> sources, Map<String, String> resources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this JVM: run the tests on a JDK, not a JRE");
        }
        try {
            Path work = Files.createTempDirectory("java-jar-");
            Path src = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of(
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "--release", "17"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            int exit = compiler.run(null, null, null, arguments.toArray(String[]::new));
            if (exit != 0) {
                throw new IllegalStateException("javac failed (exit " + exit + ") for " + sources.keySet());
            }
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    put(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream entry = out;
        entry.write(bytes);
        out.closeEntry();
    }
}
