package dev.computefabric.executor.script;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.NodeFunctions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every script in a folder as a function, and keeps doing so as the folder changes: it is looked at every
 * scan interval (a file whose size or modification time changed is read again), and the node's functions are
 * replaced as a whole, which makes the node announce its new catalog. A script the node cannot run (interpreter
 * missing, header wrong, name taken) is not offered; its reason is logged and given to a caller who names it.
 *
 * <p>A scan rather than a {@code WatchService}: the same on every file system (network mounts send no events),
 * and an editor's write-to-temp-then-rename looks like any other change.
 */
public final class ScriptFolder implements AutoCloseable {

    /** Larger files are not scripts anyone meant to deploy. */
    static final long MAX_SCRIPT_BYTES = 4L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ScriptFolder.class);

    private final Path folder;
    private final ScriptRuntimes runtimes;
    private final NodeFunctions functions;
    private final Duration interval;
    private final String source;
    // Sorted by file name: of two scripts with one name, the first file is the one served, on every scan.
    private final Map<Path, Entry> entries = new TreeMap<>();
    private final ScheduledExecutorService scanner =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("executor-scripts"));
    private boolean scanned;

    /** What one file gave: a function, or why it gives none ({@code name} is the name a caller would use). */
    private record Entry(long size, long modified, String name, ScriptFunction function, String problem) {}

    public ScriptFolder(Path folder, ScriptRuntimes runtimes, NodeFunctions functions, Duration interval) {
        this.folder = folder.toAbsolutePath().normalize();
        this.runtimes = runtimes;
        this.functions = functions;
        this.interval = interval;
        this.source = "scripts in " + this.folder;
    }

    /**
     * Reads the folder once now (so the node starts with its scripts) and then every interval.
     *
     * @throws IllegalArgumentException the folder does not exist
     */
    public ScriptFolder start() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--scripts: " + folder + " is not a folder");
        }
        scan();
        scanner.scheduleWithFixedDelay(
                // One bad scan must not stop the watching: the next one may see a mended folder.
                Periodic.surviving("scanning " + folder, this::scan),
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Looks at the folder now and updates the node's functions. */
    public synchronized void scan() {
        Map<Path, Entry> next = new LinkedHashMap<>();
        for (Path file : files()) {
            Entry known = entries.get(file);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException vanished) {
                continue;
            }
            long modified = attributes.lastModifiedTime().toMillis();
            if (known != null && known.size() == attributes.size() && known.modified() == modified) {
                next.put(file, known); // unchanged: the same function object, so no catalog change
                continue;
            }
            Entry entry = read(file, attributes.size(), modified);
            if (entry != null) {
                next.put(file, entry);
                if (scanned) {
                    log.info(
                            "script {} {}: {}",
                            file.getFileName(),
                            known == null ? "added" : "changed",
                            entry.function() != null ? "serving " + entry.name() : "not served: " + entry.problem());
                }
            }
        }
        if (scanned) {
            entries.keySet().stream()
                    .filter(file -> !next.containsKey(file))
                    .forEach(file -> log.info(
                            "script {} removed: {} is no longer served",
                            file.getFileName(),
                            entries.get(file).name()));
        }
        entries.clear();
        entries.putAll(next);
        publish();
    }

    private void publish() {
        List<FabricFunction> offered = new ArrayList<>();
        Map<String, String> unavailable = new TreeMap<>();
        Map<String, Path> byName = new HashMap<>();
        for (Map.Entry<Path, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (entry.function() == null) {
                unavailable.putIfAbsent(entry.name(), entry.problem());
                continue;
            }
            Path other = byName.putIfAbsent(entry.name(), e.getKey());
            if (other != null) {
                unavailable.putIfAbsent(
                        entry.name(),
                        "both " + other.getFileName() + " and " + e.getKey().getFileName() + " are named '"
                                + entry.name() + "'; only " + other.getFileName() + " is served");
                continue;
            }
            offered.add(entry.function());
        }
        if (!scanned) {
            scanned = true;
            log.info(
                    "{}: serving {}{}",
                    source,
                    offered.stream().map(FabricFunction::name).sorted().toList(),
                    unavailable.isEmpty() ? "" : "; not serving " + unavailable);
        }
        functions.update(source, offered, unavailable);
    }

    private Entry read(Path file, long size, long modified) {
        String fileName = file.getFileName().toString();
        String fallbackName = ScriptLanguage.baseName(fileName);
        if (size > MAX_SCRIPT_BYTES) {
            return new Entry(
                    size,
                    modified,
                    fallbackName,
                    null,
                    fileName + " is larger than " + MAX_SCRIPT_BYTES + " bytes, which no script should be");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException notText) {
            return null; // not a text file: not a script
        } catch (IOException vanished) {
            return null;
        }
        ScriptHeader header;
        try {
            var parsed = ScriptHeaders.parse(fileName, text);
            if (parsed.isEmpty()) {
                return null; // a README or data file next to the scripts
            }
            header = parsed.get();
        } catch (ScriptHeaderException e) {
            return new Entry(size, modified, fallbackName, null, "the header of " + e.getMessage());
        }
        var launcher = runtimes.launcher(header.language());
        if (launcher.isEmpty()) {
            return new Entry(
                    size,
                    modified,
                    header.name(),
                    null,
                    "script " + fileName + " is " + header.language().tag() + ", and "
                            + runtimes.whyMissing(header.language()));
        }
        return new Entry(
                size, modified, header.name(), new ScriptFunction(header, fileName, text, launcher.get()), null);
    }

    private List<Path> files() {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(file -> !file.getFileName().toString().endsWith("~"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.warn("cannot list {}: {}; keeping the scripts read before", folder, e.toString());
            return List.copyOf(entries.keySet());
        }
    }

    @Override
    public void close() {
        scanner.shutdownNow();
    }

    @Override
    public String toString() {
        return source;
    }
}
