package dev.computefabric.executor.script;

import dev.computefabric.executor.function.CallContext;
import java.nio.file.Path;

/**
 * A script's progress: lines {@code <fraction> [message]} it appends to {@code $FABRIC_PROGRESS}, e.g.
 * {@code 0.5 read 500 of 1000 rows}. Read while the script runs; only the newest complete line counts.
 */
public final class ProgressFile {

    private final GrowingFile file;
    private final CallContext context;

    public ProgressFile(Path file, CallContext context) {
        this.file = new GrowingFile(file);
        this.context = context;
    }

    public Path path() {
        return file.path();
    }

    /** Reports the newest complete line written since the last look; bad lines are skipped. */
    public void poll() {
        Report newest = null;
        for (String line : file.newLines(false)) {
            Report report = parse(line);
            newest = report != null ? report : newest;
        }
        if (newest != null) {
            context.progress(newest.fraction(), newest.message());
        }
    }

    public record Report(double fraction, String message) {}

    public static Report parse(String line) {
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
