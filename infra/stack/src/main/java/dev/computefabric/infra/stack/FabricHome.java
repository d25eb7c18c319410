package dev.computefabric.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The repository a stack runs from: its root, and the runtime classpath of each module, which a build
 * writes to {@code <module>/target/classes} and {@code <module>/target/fabric-classpath.txt}.
 */
public final class FabricHome {

    /** System property naming the repository root; without it the root is searched upwards from the cwd. */
    public static final String HOME_PROPERTY = "fabric.home";

    static final String PARENT_ARTIFACT_ID = "fabric-parent";
    static final String CLASSPATH_FILE = "target/fabric-classpath.txt";
    static final String CLASSES_DIR = "target/classes";
    private static final String BUILD_HINT = "build it first: ./mvnw -DskipTests package";

    private final Path root;

    private FabricHome(Path root) {
        this.root = root;
    }

    /** The root named by {@code -Dfabric.home}, else the nearest directory above the cwd holding the parent POM. */
    public static FabricHome locate() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return at(Path.of(configured));
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return new FabricHome(dir);
            }
        }
        throw new IllegalStateException("no Compute Fabric checkout at or above " + cwd
                + " (looked for a pom.xml with artifactId " + PARENT_ARTIFACT_ID
                + "); run from inside the repository or pass -D" + HOME_PROPERTY + "=<repository root>");
    }

    /** The repository rooted at {@code root}, which must hold the parent POM. */
    public static FabricHome at(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (!isRoot(absolute)) {
            throw new IllegalArgumentException(
                    absolute + " is not the Compute Fabric repository root: it has no pom.xml with artifactId "
                            + PARENT_ARTIFACT_ID);
        }
        return new FabricHome(absolute);
    }

    public Path root() {
        return root;
    }

    /**
     * The runtime classpath of {@code module} (a path relative to the root, e.g. {@code infra/kafka-broker}):
     * its own jar, or its compiled classes when the jar is missing or older than any of them, then the jars its
     * build listed. A classpath of jars alone lets its children start from a class-data archive
     * ({@link ClassDataArchives}).
     */
    public List<Path> classpath(String module) {
        Path moduleDir = root.resolve(module).normalize();
        if (!Files.isRegularFile(moduleDir.resolve("pom.xml"))) {
            throw new IllegalArgumentException(
                    "no module '" + module + "' in " + root + " (no " + moduleDir.resolve("pom.xml") + ")");
        }
        Path classes = moduleDir.resolve(CLASSES_DIR);
        Path listing = moduleDir.resolve(CLASSPATH_FILE);
        if (!Files.isDirectory(classes) || !Files.isRegularFile(listing)) {
            throw new IllegalStateException("module " + module + " is not built (missing "
                    + (Files.isDirectory(classes) ? listing : classes) + "); " + BUILD_HINT);
        }
        List<Path> entries = new ArrayList<>();
        entries.add(packagedJar(moduleDir.resolve("target"), classes).orElse(classes));
        for (String entry : read(listing).split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.trim()));
            }
        }
        Optional<Path> missing =
                entries.stream().filter(path -> !Files.exists(path)).findFirst();
        if (missing.isPresent()) {
            throw new IllegalStateException("the classpath of module " + module + " names " + missing.get()
                    + ", which does not exist (a cleaned local repository?); " + BUILD_HINT);
        }
        return List.copyOf(entries);
    }

    /** A child spec running {@code mainClass} from {@code module}, to complete with args and options. */
    public ChildSpec.Builder child(String name, String module, String mainClass) {
        return ChildSpec.builder(name, mainClass, classpath(module));
    }

    /** The module's one jar, if nothing under {@code classes} is newer: a compile since the last package wins. */
    static Optional<Path> packagedJar(Path target, Path classes) {
        try (Stream<Path> files = Files.list(target);
                Stream<Path> compiled = Files.walk(classes)) {
            List<Path> jars = files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".jar") && !name.matches(".*-(tests|sources|javadoc)\\.jar");
                    })
                    .toList();
            if (jars.size() != 1) {
                return Optional.empty();
            }
            FileTime packaged = Files.getLastModifiedTime(jars.get(0));
            for (Path file : (Iterable<Path>) compiled::iterator) {
                if (Files.getLastModifiedTime(file).compareTo(packaged) > 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(jars.get(0));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    // Module POMs name fabric-parent too, as their parent: only the project's own artifactId counts.
    static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("artifactId".equals(child.getNodeName())) {
                    return PARENT_ARTIFACT_ID.equals(child.getTextContent().trim());
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException(pom + " is not a readable POM: " + e.getMessage(), e);
        }
    }
}
