package dev.computefabric.executor.function.builtin;

import dev.computefabric.executor.function.CallContext;
import java.nio.file.Path;

/**
 * A script's progress: lines {@code <fraction> [message]} it appends to {@code $FABRIC_PROGRESS}, e.g.
 * {@code 0.5 read 500 of 1000 rows}. Read while the script runs; only the newest complete line counts.
 */
final class ProgressFile {

    private final AppendedLines lines;
    private final CallContext context;

    ProgressFile(Path file, CallContext context) {
        this.lines = new AppendedLines(file);
        this.context = context;
    }

    Path path() {
        return lines.path();
    }

    /** Reports the newest complete line written since the last look; bad lines are skipped. */
    void poll() {
        Report newest = null;
        for (String line : lines.poll()) {
            Report report = parse(line);
            newest = report != null ? report : newest;
        }
        if (newest != null) {
            context.progress(newest.fraction(), newest.message());
        }
    }

    record Report(double fraction, String message) {}

    static Report parse(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String number = space < 0 ? trimmed : trimmed.substring(0, space);
        try {
            double fraction = Double.parseDouble(number);
            String message = space < 0 ? null : trimmed.substring(space + 1).strip();
            return Double.isFinite(fraction)
                    ? new Report(fraction, message == null || message.isEmpty() ? null : message)
                    : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
