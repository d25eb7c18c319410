package dev.computefabric.executor;

import dev.computefabric.schemas.Capset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a node can run: the capabilities it was told it has, plus the language runtimes found on its
 * PATH, so a node with {@code python3} installed serves {@code fabric.calls.python} without being told.
 */
public final class Capabilities {

    /** Runtime executables that, when found on the PATH, add a capability tag. */
    public static final Map<String, String> RUNTIMES = runtimes();

    private Capabilities() {}

    /**
     * @param declared capability tags from the command line or environment
     * @param onPath   whether an executable of that name is on the PATH; see {@link ExecutablesOnPath}
     */
    public static Capset detect(Collection<String> declared, Predicate<String> onPath) {
        List<String> tags = new ArrayList<>(declared);
        RUNTIMES.forEach((executable, tag) -> {
            if (onPath.test(executable)) {
                tags.add(tag);
            }
        });
        return Capset.of(tags);
    }

    private static Map<String, String> runtimes() {
        Map<String, String> runtimes = new LinkedHashMap<>();
        runtimes.put("python3", "python");
        runtimes.put("Rscript", "r");
        runtimes.put("julia", "julia");
        return java.util.Collections.unmodifiableMap(runtimes);
    }
}
