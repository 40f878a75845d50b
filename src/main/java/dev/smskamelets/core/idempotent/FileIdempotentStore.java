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

/**
 * The append-only key log behind {@link FileIdempotentRepository}. Lines: {@code + <millis> <key>} (pending),
 * {@code = <key>} (confirmed), {@code - <key>} (removed), {@code !} (cleared). Loading replays the log and, when it
 * holds more dead lines than live keys, rewrites it compacted (write-then-rename). Not thread-safe: the repository
 * synchronizes.
 */
final class FileIdempotentStore {

    static final long CONFIRMED = -1;
    private final Path path;
    private final boolean fsync;
    private final Map<String, Long> keys = new LinkedHashMap<>();
    private FileChannel channel;
    private Writer writer;

    FileIdempotentStore(String filePath, boolean fsync) {
        this.path = Paths.get(filePath);
        this.fsync = fsync;
    }

    Map<String, Long> keys() {
        return keys;
    }

    void open() throws IOException {
        int lines = 0;
        if (Files.exists(path)) {
            try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines++;
                    replay(line);
                }
            }
        }
        if (lines > 2 * keys.size() + 16) {
            StringBuilder compact = new StringBuilder();
            keys.forEach((k, v) -> compact.append(v == CONFIRMED ? "= " + k : "+ " + v + " " + k).append('\n'));
            AtomicFiles.write(path, compact.toString().getBytes(StandardCharsets.UTF_8));
        }
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
