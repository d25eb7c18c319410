package dev.computefabric.executor.script;

/** A script's header cannot be used; the message names the file, the line and what to write instead. */
public final class ScriptHeaderException extends IllegalArgumentException {

    public ScriptHeaderException(String message) {
        super(message);
    }
}
