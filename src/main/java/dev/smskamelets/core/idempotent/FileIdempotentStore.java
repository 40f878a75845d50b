package dev.smskamelets.core.idempotent;

import dev.smskamelets.core.store.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The append-only key log behind {@link FileIdempotentRepository}. Lines: {@code + <millis> <key>} (pending),
 * {@code = <key>} (confirmed), {@code - <key>} (removed), {@code !} (cleared). Loading replays the log, drops expired
 * pending keys and, when the log holds more dead lines than live keys, rewrites it compacted (write-then-rename);
 * {@link #sweep} does the same while open. Not thread-safe: the repository
 * synchronizes.
 */
final class FileIdempotentStore {

    static final long CONFIRMED = -1;
    private final Path path;
    private final boolean fsync;
    private final Map<String, Long> keys = new LinkedHashMap<>();
    private FileChannel channel;
    private long lines;
    private Writer writer;

    FileIdempotentStore(String filePath, boolean fsync) {
        this.path = Paths.get(filePath);
        this.fsync = fsync;
    }

    Map<String, Long> keys() {
        return keys;
    }

    /**
     * Loads the log, dropping pending keys for which {@code expiredPending} (given the pending-since millis) is true:
     * an expired pending key behaves as absent anyway ({@code add} takes it over, {@code contains} is false).
     */
    void open(LongPredicate expiredPending) throws IOException {
        lines = 0;
        if (Files.exists(path)) {
            try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines++;
                    replay(line);
                }
            }
        }
        keys.values().removeIf(v -> v != CONFIRMED && expiredPending.test(v));
        if (lines > 2 * keys.size() + 16) {
            writeCompacted();
        }
        openWriter();
    }

    /**
     * Drops the expired pending keys from memory and, when the log then holds more dead lines than live keys,
     * rewrites it compacted (write-then-rename) while the store is open. Returns the number of keys dropped.
     */
    int sweep(LongPredicate expiredPending) {
        int before = keys.size();
        keys.values().removeIf(v -> v != CONFIRMED && expiredPending.test(v));
        if (lines > 2 * keys.size() + 16) {
            try {
                writer.close();
                writeCompacted();
                openWriter();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot compact idempotent store " + path.toAbsolutePath(), e);
            }
        }
        return before - keys.size();
    }

    private void writeCompacted() throws IOException {
        StringBuilder compact = new StringBuilder();
        keys.forEach((k, v) -> compact.append(v == CONFIRMED ? "= " + k : "+ " + v + " " + k).append('\n'));
        AtomicFiles.write(path, compact.toString().getBytes(StandardCharsets.UTF_8));
        lines = keys.size();
    }

    private void openWriter() throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
    }

    private void replay(String line) {
        if (line.startsWith("+ ")) {
            int space = line.indexOf(' ', 2);
            if (space > 0) {
                keys.put(line.substring(space + 1), Long.parseLong(line.substring(2, space)));
            }
        } else if (line.startsWith("= ")) {
            keys.put(line.substring(2), CONFIRMED);
        } else if (line.startsWith("- ")) {
            keys.remove(line.substring(2));
        } else if (line.equals("!")) {
            keys.clear();
        }
        // a torn last line after a crash matches nothing and is ignored
    }

    void append(String line) {
        try {
            writer.write(line);
            writer.write('\n');
            writer.flush();
            lines++;
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write idempotent store " + path.toAbsolutePath(), e);
        }
    }

    void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        keys.clear();
    }
}
