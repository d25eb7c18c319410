package dev.computefabric.executor.function.builtin;

import dev.computefabric.executor.function.CallContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A script's progress: lines {@code <fraction> [message]} it appends to {@code $FABRIC_PROGRESS}, e.g.
 * {@code 0.5 read 500 of 1000 rows}. Read while the script runs; only the newest complete line counts.
 */
final class ProgressFile {

    private final Path file;
    private final CallContext context;
    private long position;
    private String partial = "";

    ProgressFile(Path file, CallContext context) {
        this.file = file;
        this.context = context;
    }

    Path path() {
        return file;
    }

    /** Reports the newest complete line written since the last look; bad lines are skipped. */
    void poll() {
        Report newest = null;
        for (String line : newLines()) {
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

    private String[] newLines() {
        if (!Files.exists(file)) {
            return new String[0];
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return new String[0];
            }
            // Only the tail matters: a script that wrote megabytes of progress between two looks loses the middle.
            long from = Math.max(position, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String carried = from == position ? partial : "";
            position = length;
            String text = carried + new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            partial = end < 0 ? text : text.substring(end + 1);
            return end < 0 ? new String[0] : text.substring(0, end).split("\n");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
