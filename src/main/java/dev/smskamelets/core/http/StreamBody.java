package dev.smskamelets.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body that is streamed, never held in memory: large uploads (a Listrak contact import's Base64 file
 * inside its JSON body, say). {@link #open()} is called once per attempt, so a retried request sends the body
 * again from the start; {@link #length()} becomes the Content-Length (negative = unknown, sent chunked).
 * Put one in the exchange body (or a {@link Path}/{@link java.io.File}) and {@link VendorClient} streams it.
 */
public interface StreamBody {

    /** A fresh stream over the whole body. */
    InputStream open() throws IOException;

    /** Exact length in bytes, or -1 when unknown. */
    long length();

    /** The bytes of a file. */
    static StreamBody ofFile(Path file) {
        return new StreamBody() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long length() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public String toString() {
                return "StreamBody[" + file + "]";
            }
        };
    }
}
