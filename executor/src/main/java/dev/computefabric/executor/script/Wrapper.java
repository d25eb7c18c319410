package dev.computefabric.executor.script;

/**
 * Generates the small program that runs a script: it sets the script's inputs as variables of its language
 * (read from the files the executor wrote: {@code $FABRIC_INPUTS/<name>} for scalars, {@code $FABRIC_TABLES/<name>.csv}
 * for dataframes), runs the script ({@code $FABRIC_SCRIPT}) in the same scope, and writes each declared output from
 * the variable of that name to {@code $FABRIC_OUTPUTS/<name>} (scalars, as text) or {@code <name>.csv}
 * (dataframes). Only names from the header appear in the generated code, and the header allows identifiers only.
 */
interface Wrapper {

    /** The wrapper's file name in the call's scratch directory, e.g. {@code fabric_main.py}. */
    String fileName();

    String text(ScriptHeader header);
}
