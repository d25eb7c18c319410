package dev.computefabric.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Parses a set of {@code .avsc} files that name each other's types (FuncCall uses Table), in whatever
 * order they need: a file whose referenced types are not yet defined is tried again after the others.
 */
public final class SchemaFiles {

    private SchemaFiles() {}

    /** Every {@code *.avsc} directly in {@code dir}, by full name. */
    public static Map<String, Schema> parseDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return parse(
                    files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The files' schemas by full name; throws naming the files that never parse. */
    static Map<String, Schema> parse(List<Path> files) {
        List<String> texts = files.stream().map(SchemaFiles::read).toList();
        List<Integer> order = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            todo.add(i);
        }
        while (!todo.isEmpty()) {
            Integer next = todo.stream()
                    .filter(i -> parses(order, i, texts))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("cannot parse "
                            + todo.stream().map(files::get).toList() + ": " + parseError(order, todo.get(0), texts)));
            order.add(next);
            todo.remove(next);
        }
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> byName = new LinkedHashMap<>();
        for (int i : order) {
            Schema schema = parser.parse(texts.get(i));
            byName.put(schema.getFullName(), schema);
        }
        return byName;
    }

    private static boolean parses(List<Integer> before, int candidate, List<String> texts) {
        return parseError(before, candidate, texts) == null;
    }

    private static String parseError(List<Integer> before, int candidate, List<String> texts) {
        Schema.Parser parser = new Schema.Parser();
        try {
            for (int i : before) {
                parser.parse(texts.get(i));
            }
            parser.parse(texts.get(candidate));
            return null;
        } catch (AvroRuntimeException e) {
            return e.getMessage();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
