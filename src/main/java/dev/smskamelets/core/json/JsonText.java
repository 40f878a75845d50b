package dev.smskamelets.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One JSON value at a time as a {@code String}, written by a Jackson generator that is reused value after value (a
 * source shapes thousands of records per page; a generator per record would cost more than the record). The generator
 * writes UTF-8 into a byte buffer kept between values, so a value that is ASCII (most records) becomes its
 * {@code String} with one copy. Not thread-safe: one per thread, or guarded by its owner.
 *
 * <pre>{@code
 * JsonGenerator g = text.start();
 * g.writeStartObject(); g.writeStringField("phone", phone); g.writeEndObject();
 * String json = text.take();
 * }</pre>
 */
public final class JsonText {

    private final JsonFactory factory;
    private final Bytes out = new Bytes();
    private JsonGenerator generator;

    public JsonText(JsonFactory factory) {
        this.factory = factory;
    }

    /** The generator for the next value (nothing written yet since the last {@link #take()}). */
    public JsonGenerator start() {
        if (generator == null) {
            try {
                generator = factory.createGenerator(out, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            generator.setRootValueSeparator(null);
        }
        out.size = 0;
        return generator;
    }

    /** The value written since {@link #start()}, as text; the buffer is then reused. */
    public String take() {
        try {
            generator.flush();
        } catch (IOException e) {
            generator = null;
            throw new UncheckedIOException(e);
        }
        String value = new String(out.bytes, 0, out.size, StandardCharsets.UTF_8);
        out.size = 0;
        return value;
    }

    /** Drops the generator after a failure, so the next {@link #start()} begins clean. */
    public void reset() {
        generator = null;
        out.size = 0;
    }

    /** A growable byte buffer the generator flushes into. */
    private static final class Bytes extends OutputStream {
        private byte[] bytes = new byte[512];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
