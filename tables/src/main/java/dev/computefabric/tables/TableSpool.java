package dev.computefabric.tables;

import dev.computefabric.schemas.Sha256;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Where a table of unknown size waits while it arrives: in memory up to {@code memoryLimit} bytes, then in
 * a temporary file, hashed and counted as it is written. The storage key is the content hash, so nothing
 * can be uploaded before the last byte arrived; spooling keeps the heap bounded whatever the size.
 *
 * <p>Write through {@link #output()}, then {@link #seal()}; read the sealed bytes with {@link #open()}.
 * {@link #close()} removes the file, sealed or not: a table that failed half-way leaves nothing behind.
 */
public final class TableSpool implements AutoCloseable {

    /** Buffer of the file output: large writes pass through it unchanged. */
    static final int FILE_BUFFER_BYTES = 64 * 1024;
    /** Reads of an adopted file while it is hashed: large, as the file is read once from the page cache or disk. */
    static final int ADOPT_READ_BYTES = 256 * 1024;

    private final int memoryLimit;
    private final Path directory;
    private final MessageDigest digest = Sha256.digest();
    private final Output output = new Output();
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;
    private String sha256;

    /**
     * @param memoryLimit bytes kept in memory before the spool moves to a file; 0 spools everything to disk
     * @param directory   where the temporary file goes
     */
    public TableSpool(int memoryLimit, Path directory) {
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memoryLimit must be >= 0, got " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
        this.directory = directory;
    }

    /** A spool in the JVM's temporary directory. */
    public TableSpool(int memoryLimit) {
        this(memoryLimit, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Where the table's bytes are written; closing it does not seal the spool. */
    public OutputStream output() {
        return output;
    }

    /** Copies {@code in} to the end of the spool; the caller closes {@code in}. */
    public long writeAll(InputStream in) throws IOException {
        return in.transferTo(output);
    }

    /**
     * Makes the file {@code source} this empty spool's bytes, and seals it: a file larger than the memory limit is
     * moved into the spool's directory (renamed, not copied, when both are on one file system) and hashed where it
     * lies; a smaller one is read into memory. The file is gone afterwards either way. How a process's output file
     * becomes a table without a copy.
     *
     * @throws IOException when {@code source} is not a regular file of its own (a symbolic link is refused: whoever
     *     made it could point it at any file this process may read), or cannot be moved or read
     */
    public TableSpool adopt(Path source) throws IOException {
        if (size > 0 || file != null || sha256 != null) {
            throw new IllegalStateException("only an empty spool can adopt a file");
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(source + " is not a regular file"
                    + (Files.isSymbolicLink(source) ? " but a symbolic link; write the table itself there" : ""));
        }
        if (Files.size(source) <= memoryLimit) {
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                writeAll(in);
            }
            Files.delete(source);
            return seal();
        }
        file = Files.createTempFile(directory, "fabric-table-", ".spool");
        Files.move(source, file, StandardCopyOption.REPLACE_EXISTING);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[ADOPT_READ_BYTES];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        sha256 = Sha256.hex(digest);
        return this;
    }

    /** Ends writing and fixes size and hash. Further writes fail. */
    public TableSpool seal() throws IOException {
        if (sha256 == null) {
            if (fileOut != null) {
                fileOut.close();
            }
            sha256 = Sha256.hex(digest);
        }
        return this;
    }

    public long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the bytes; only once sealed. */
    public String sha256() {
        requireSealed();
        return sha256;
    }

    /** Whether the bytes never left memory, i.e. there were at most {@code memoryLimit} of them. */
    public boolean inMemory() {
        return file == null;
    }

    /** The temporary file holding the bytes, unless they never left memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The bytes, only when {@link #inMemory()}. */
    public byte[] bytes() {
        requireSealed();
        if (!inMemory()) {
            throw new IllegalStateException("the spool holds " + size + " bytes in a file; stream them with open()");
        }
        return memory.toByteArray();
    }

    /** The sealed bytes from the start; every call opens a new stream. */
    public InputStream open() throws IOException {
        requireSealed();
        return inMemory() ? new ByteArrayInputStream(memory.toByteArray()) : Files.newInputStream(file);
    }

    /** The sealed bytes from {@code offset}, at most {@code length} of them. */
    public InputStream open(long offset, long length) throws IOException {
        InputStream in = open();
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BoundedInputStream(in, length);
    }

    @Override
    public void close() {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the table spool " + file, e);
        } finally {
            memory = new ByteArrayOutputStream();
        }
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (sha256 != null) {
            throw new IOException("the table spool is sealed; no more bytes can be written");
        }
        if (file == null && memory.size() + (long) length > memoryLimit) {
            spillToFile();
        }
        if (file == null) {
            memory.write(bytes, offset, length);
        } else {
            fileOut.write(bytes, offset, length);
        }
        digest.update(bytes, offset, length);
        size += length;
    }

    private void spillToFile() throws IOException {
        file = Files.createTempFile(directory, "fabric-table-", ".spool");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), FILE_BUFFER_BYTES);
        memory.writeTo(fileOut);
        memory = new ByteArrayOutputStream();
    }

    private void requireSealed() {
        if (sha256 == null) {
            throw new IllegalStateException("seal() the table spool first");
        }
    }

    private final class Output extends OutputStream {

        private final byte[] single = new byte[1];

        @Override
        public void write(int b) throws IOException {
            single[0] = (byte) b;
            TableSpool.this.write(single, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            TableSpool.this.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (fileOut != null) {
                fileOut.flush();
            }
        }
    }
}
