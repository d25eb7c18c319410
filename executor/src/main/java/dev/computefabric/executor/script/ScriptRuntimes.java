package dev.computefabric.executor.script;

import dev.computefabric.executor.ExecutablesOnPath;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The script languages this node can run, found once at start: an interpreter on the PATH for each language, a
 * working container engine for containers (only when containers were asked for). The others are missing, each
 * with the reason a caller reads instead of "command not found".
 */
public final class ScriptRuntimes {

    private final Map<ScriptLanguage, ScriptLauncher> launchers;
    private final Map<ScriptLanguage, String> missing;

    ScriptRuntimes(Map<ScriptLanguage, ScriptLauncher> launchers, Map<ScriptLanguage, String> missing) {
        this.launchers = Map.copyOf(launchers);
        this.missing = Map.copyOf(missing);
    }

    /**
     * @param path      where interpreters are looked for
     * @param container the container engine when containers are enabled and one works; else why not
     */
    public static ScriptRuntimes detect(ExecutablesOnPath path, ContainerSupport container) {
        Map<ScriptLanguage, ScriptLauncher> launchers = new EnumMap<>(ScriptLanguage.class);
        Map<ScriptLanguage, String> missing = new EnumMap<>(ScriptLanguage.class);
        for (ScriptLanguage language : ScriptLanguage.values()) {
            if (language == ScriptLanguage.CONTAINER) {
                container
                        .engine()
                        .ifPresentOrElse(
                                engine -> launchers.put(language, new ContainerLauncher(engine)),
                                () -> missing.put(language, container.whyNot()));
                continue;
            }
            Optional<Path> interpreter = path.find(language.executable());
            if (interpreter.isPresent()) {
                launchers.put(language, new LocalLauncher(language, interpreter.get()));
            } else {
                missing.put(language, language.executable() + " is not on this node's PATH");
            }
        }
        return new ScriptRuntimes(launchers, missing);
    }

    Optional<ScriptLauncher> launcher(ScriptLanguage language) {
        return Optional.ofNullable(launchers.get(language));
    }

    /** Why {@code language} cannot run here; null when it can. */
    public String whyMissing(ScriptLanguage language) {
        return missing.get(language);
    }

    /** The capability tags of the languages that run here: a node serving scripts serves their call topics. */
    public Set<String> tags() {
        Set<String> tags = new TreeSet<>();
        launchers.keySet().forEach(language -> tags.add(language.tag()));
        return tags;
    }

    /** For the node's start-up line: {@code python (/usr/bin/python3), r: Rscript is not on this node's PATH}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        launchers.forEach((language, launcher) -> text.append(text.length() > 0 ? ", " : "")
                .append(language.tag())
                .append(" (")
                .append(launcher.describe())
                .append(')'));
        missing.forEach((language, why) -> text.append(text.length() > 0 ? "; " : "")
                .append("no ")
                .append(language.tag())
                .append(": ")
                .append(why));
        return text.toString();
    }
}
