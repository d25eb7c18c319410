package dev.computefabric.bench;

import java.io.PrintStream;

/** What a bench run prints: one JSON object on a line ({@code --json}), or a table for people. */
interface Report {

    String json();

    void printTable(PrintStream out);
}
