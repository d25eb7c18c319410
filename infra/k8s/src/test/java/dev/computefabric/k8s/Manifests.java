package dev.computefabric.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The manifests as Kubernetes would get them: rendered by {@code kubectl kustomize}, parsed into plain maps. */
final class Manifests {

    /** Where the kustomizations live: this module's directory, where Maven runs its tests. */
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    static final List<String> KUSTOMIZATIONS = List.of("base", "kafka", "overlays/dev", "overlays/prod");

    private Manifests() {}

    /** The kubectl on the PATH, if any. */
    static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** {@code kubectl kustomize <dir>}: fails with kubectl's own message when the kustomization is broken. */
    static List<Map<String, Object>> render(Path kubectl, String kustomization) {
        try {
            Process process = new ProcessBuilder(
                            kubectl.toString(),
                            "kustomize",
                            ROOT.resolve(kustomization).toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed:\n" + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The objects of a kustomization's own files, unrendered: all there is to check without kubectl. */
    static List<Map<String, Object>> files(String kustomization) {
        try (Stream<Path> files = Files.list(ROOT.resolve(kustomization))) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    objects.addAll(parse(Files.readString(file)));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return objects;
    }

    /** The value at a path of map keys and list indexes, e.g. {@code at(o, "spec", "template", "spec")}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                current = list.get(index);
            } else {
                return null;
            }
        }
        return (T) current;
    }

    static String kind(Map<String, Object> object) {
        return at(object, "kind");
    }

    static String name(Map<String, Object> object) {
        return at(object, "metadata", "name");
    }
}
