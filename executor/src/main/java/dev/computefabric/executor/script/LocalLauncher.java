package dev.computefabric.executor.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a script with its language's interpreter on this host, e.g. {@code Rscript --vanilla fabric_main.R}. */
record LocalLauncher(ScriptLanguage language, Path interpreter) implements ScriptLauncher {

    @Override
    public List<String> command(ScriptHeader header, Path scratch, Path wrapper, ScriptEnvironment env) {
        List<String> command = new ArrayList<>(List.of(interpreter.toString()));
        if (language == ScriptLanguage.R) {
            command.add("--vanilla"); // no site or user profile changes what a script sees
        }
        command.add(wrapper.toString());
        return command;
    }

    @Override
    public Path scratchAsSeen(Path scratch) {
        return scratch;
    }

    @Override
    public String describe() {
        return interpreter.toString();
    }
}
