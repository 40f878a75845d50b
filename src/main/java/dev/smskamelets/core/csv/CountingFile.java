package dev.smskamelets.core.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file read as a stream that counts the bytes read so far (for "percent done" progress lines of large files),
 * and the SHA-256 checksum of a file (read in 64 KB blocks: the same file dropped twice is recognised whatever
 * its name).
 */
public final class CountingFile extends FilterInputStream {

    private final AtomicLong read = new AtomicLong();
    private final long size;

    public CountingFile(Path file) throws IOException {
        super(Files.newInputStream(file));
        this.size = Files.size(file);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            read.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            read.addAndGet(n);
        }
        return n;
    }

    /** Bytes read so far. */
    public long position() {
        return read.get();
    }

    /** Size of the file when it was opened. */
    public long size() {
        return size;
    }

    /** Percent of the file read so far (0 to 100). */
    public double percent() {
        return size == 0 ? 100.0 : Math.min(100.0, 100.0 * read.get() / size);
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
