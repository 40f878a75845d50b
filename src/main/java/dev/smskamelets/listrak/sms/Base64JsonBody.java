package dev.smskamelets.listrak.sms;

import dev.smskamelets.core.http.StreamBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A JSON request body with one member holding a file Base64-encoded, streamed from disk: {@code prefix} (the JSON
 * up to and including the member's opening quote), the encoded file, then {@code "}}. Nothing larger than a 48 KB
 * buffer is in memory, and the exact length is known up front (Content-Length).
 */
public final class Base64JsonBody implements StreamBody {

    private static final int CHUNK = 3 * 16 * 1024; // a multiple of 3: no padding inside the stream
    private final byte[] prefix;
    private final Path file;
    private final byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** {@code jsonPrefix} must end inside an open string, e.g. {@code {"a":1,"fileStream":"}. */
    public Base64JsonBody(String jsonPrefix, Path file) {
        this.prefix = jsonPrefix.getBytes(StandardCharsets.UTF_8);
        this.file = file;
    }

    /** Length of the Base64 text of {@code bytes} bytes (with padding). */
    public static long encodedLength(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    @Override
    public InputStream open() throws IOException {
        return new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(prefix),
                new Encoder(Files.newInputStream(file)), new ByteArrayInputStream(suffix))));
    }

    @Override
    public long length() {
        try {
            return prefix.length + encodedLength(Files.size(file)) + suffix.length;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Base64-encodes an input stream chunk by chunk. */
    private static final class Encoder extends InputStream {
        private final InputStream source;
        private final byte[] raw = new byte[CHUNK];
        private byte[] encoded = new byte[0];
        private int pos;
        private boolean done;

        Encoder(InputStream source) {
            this.source = source;
        }

        private boolean fill() throws IOException {
            while (pos >= encoded.length) {
                if (done) {
                    return false;
                }
                int n = source.readNBytes(raw, 0, raw.length);
                done = n < raw.length;
                encoded = Base64.getEncoder().encode(n == raw.length ? raw : java.util.Arrays.copyOf(raw, n));
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? encoded[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, encoded.length - pos);
            System.arraycopy(encoded, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    @Override
    public String toString() {
        return "Base64JsonBody[" + file + "]";
    }
}
