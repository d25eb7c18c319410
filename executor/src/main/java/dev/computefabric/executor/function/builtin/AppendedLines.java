package dev.computefabric.executor.function.builtin;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines a running script appended to a file since the last look: its progress file, its stderr. Only
 * complete lines count until {@link #rest()}; a script that wrote more than {@link #MAX_TAIL_BYTES} between two
 * looks loses the middle.
 */
final class AppendedLines {

    static final int MAX_TAIL_BYTES = 64 * 1024;

    private final Path file;
    private long position;
    private String partial = "";

    AppendedLines(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Complete lines written since the last call; unreadable or missing files give none. */
    List<String> poll() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return List.of();
            }
            long from = Math.max(position, length - MAX_TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String carried = from == position ? partial : "";
            position = length;
            String text = carried + new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            partial = end < 0 ? text : text.substring(end + 1);
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What {@link #poll} left over once the writer is done: the last line, if it had no newline. */
    List<String> rest() {
        List<String> lines = new java.util.ArrayList<>(poll());
        if (!partial.isEmpty()) {
            lines.add(partial);
            partial = "";
        }
        return lines;
    }
}
