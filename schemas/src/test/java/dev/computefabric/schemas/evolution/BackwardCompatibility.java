package dev.computefabric.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The build's schema-evolution rule: every schema in {@code src/main/avro} must read data written with each
 * of its released versions ({@code src/released/<Name>/v<n>.avsc}), i.e. BACKWARD_TRANSITIVE, the
 * registry's rule for a consumer upgraded before its producers. Checked with Avro's own
 * {@link SchemaCompatibility}, as the registry checks it. A released schema may not disappear.
 */
final class BackwardCompatibility {

    private BackwardCompatibility() {}

    /** Every violation, each naming the schema, the released version and Avro's reason; empty if none. */
    static List<String> violations(Path currentDir, Path releasedDir) {
        Map<String, Schema> current = SchemaFiles.parseDirectory(currentDir);
        List<String> problems = new ArrayList<>();
        for (Path versionsDir : list(releasedDir)) {
            String simpleName = versionsDir.getFileName().toString();
            Schema candidate = current.values().stream()
                    .filter(s -> s.getName().equals(simpleName))
                    .findFirst()
                    .orElse(null);
            if (candidate == null) {
                problems.add(simpleName + ": released, but no longer in " + currentDir);
                continue;
            }
            for (Path released : list(versionsDir)) {
                Schema old = releasedSchema(released, simpleName);
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, old);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    problems.add(simpleName + " cannot read data written with released " + released.getFileName() + ": "
                            + result.getResult().getIncompatibilities());
                }
            }
        }
        return problems;
    }

    /** A released version, parsed next to the released versions of the types it names (latest of each). */
    private static Schema releasedSchema(Path released, String simpleName) {
        List<Path> files = new ArrayList<>();
        files.add(released);
        for (Path otherDir : list(released.getParent().getParent())) {
            if (!otherDir.equals(released.getParent())) {
                List<Path> versions = list(otherDir);
                files.add(versions.get(versions.size() - 1));
            }
        }
        return SchemaFiles.parse(files).values().stream()
                .filter(s -> s.getName().equals(simpleName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(released + " does not define " + simpleName));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted(java.util.Comparator.comparingInt(BackwardCompatibility::versionOf)
                            .thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static int versionOf(Path path) {
        String name = path.getFileName().toString();
        return name.matches("v\\d+\\.avsc") ? Integer.parseInt(name.substring(1, name.length() - 5)) : 0;
    }
}
