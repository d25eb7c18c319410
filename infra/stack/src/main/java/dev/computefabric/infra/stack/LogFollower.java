package dev.computefabric.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the complete lines a child appends to its log file. The child writes straight to the file, not
 * through a pipe to us, so its output never blocks on the launcher and survives the launcher's death.
 */
final class LogFollower {

    private static final int TAIL_BYTES = 8 * 1024;

    private final Path file;
    private long position;
    private final StringBuilder partialLine = new StringBuilder();

    /** Follows {@code file} from byte {@code position} on: what an earlier run wrote is ignored. */
    LogFollower(Path file, long position) {
        this.file = file;
        this.position = position;
    }

    /** The first new complete line matching {@code wanted}, if one arrived since the last call. */
    Optional<String> nextMatching(Predicate<String> wanted) {
        for (String line : newLines()) {
            if (wanted.test(line)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private List<String> newLines() {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= position) {
                return lines;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, 1 << 20));
            channel.read(buffer, position);
            position += buffer.position();
            // Lines may straddle reads, and so may multi-byte characters; the marker line is ASCII.
            partialLine.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read child log " + file, e);
        }
        int newline;
        while ((newline = partialLine.indexOf("\n")) >= 0) {
            lines.add(partialLine.substring(0, newline).stripTrailing());
            partialLine.delete(0, newline + 1);
        }
        return lines;
    }

    /** The last few kilobytes of {@code file}, for error messages; never throws. */
    static String tail(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.read(buffer, start);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat child log " + file, e);
        }
    }
}
