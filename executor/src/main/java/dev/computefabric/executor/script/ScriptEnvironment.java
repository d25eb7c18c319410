package dev.computefabric.executor.script;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code FABRIC_*} variables a script's wrapper reads, relative to where the process sees its scratch directory. */
record ScriptEnvironment(String callId, Path root, String scriptFile) {

    static final String INPUTS = "inputs";
    static final String TABLES = "tables";
    static final String OUTPUTS = "outputs";
    static final String PROGRESS = "progress";

    Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FABRIC_CALL_ID", callId);
        env.put("FABRIC_INPUTS", root.resolve(INPUTS).toString());
        env.put("FABRIC_TABLES", root.resolve(TABLES).toString());
        env.put("FABRIC_OUTPUTS", root.resolve(OUTPUTS).toString());
        env.put("FABRIC_PROGRESS", root.resolve(PROGRESS).toString());
        env.put("FABRIC_SCRIPT", root.resolve(scriptFile).toString());
        return env;
    }
}
