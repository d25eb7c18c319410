package dev.computefabric.executor.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A file a running process appends lines to (progress, its output): each look returns the complete lines written
 * since the last one. Not thread-safe: one reader, the thread that waits for the process.
 */
public final class GrowingFile {

    /** Only the tail matters: a process that wrote megabytes between two looks loses the middle. */
    static final int MAX_READ_BYTES = 64 * 1024;

    private final Path file;
    private long position;
    private String partial = "";

    public GrowingFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The complete lines written since the last call; with {@code flush}, also an unterminated last line. */
    public List<String> newLines(boolean flush) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (FileChannel in = open()) {
            long length = in.size();
            String text = partial;
            if (length > position) {
                long from = Math.max(position, length - MAX_READ_BYTES);
                byte[] bytes = read(in, from, (int) (length - from));
                text = (from == position ? partial : "") + new String(bytes, StandardCharsets.UTF_8);
                position = from + bytes.length;
            }
            int end = text.lastIndexOf('\n');
            partial = end < 0 ? text : text.substring(end + 1);
            List<String> lines =
                    end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
            if (flush && !partial.isEmpty()) {
                lines = new java.util.ArrayList<>(lines);
                lines.add(partial);
                partial = "";
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The last {@code maxBytes} of the file, for an error message; {@code (nothing)} when it is empty. */
    public String tail(int maxBytes) {
        if (!Files.exists(file)) {
            return "(nothing)";
        }
        try (FileChannel in = open()) {
            long start = Math.max(0, in.size() - maxBytes);
            byte[] bytes = read(in, start, (int) (in.size() - start));
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(nothing)" : (start > 0 ? "..." : "") + text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * The file, not what it may link to: a process that replaced it with a symbolic link (one in a container sees its
     * scratch directory) would otherwise have the executor read a file of the executor's own file system to the caller.
     */
    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** Up to {@code length} bytes from {@code offset}: fewer if the file ends sooner. */
    private static byte[] read(FileChannel in, long offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (in.read(bytes, offset + bytes.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(bytes.array(), bytes.position());
    }
}
