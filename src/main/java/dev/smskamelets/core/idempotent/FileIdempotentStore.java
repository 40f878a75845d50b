package dev.smskamelets.core.idempotent;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The append-only key log behind {@link FileIdempotentRepository}. Lines: {@code + <millis> <key>} (pending),
 * {@code = <key>} (confirmed, kept until removed), {@code T <millis> <scope> <key>} (confirmed, with the time of its
 * record in source {@code scope}'s order), {@code X <scope> <millis>} (keys of {@code scope} before that time
 * expired), {@code - <key>} (removed), {@code !} (cleared). Loading replays the log; whenever it holds more dead lines
 * than live keys (at load and while running) it is rewritten compacted (write-then-rename), so the file stays
 * proportional to the live keys. Expired pending keys (a key added only to be remembered for a while, such as a web
 * hook replay guard's) are dropped at load and by {@link #sweep}. Not thread-safe: the repository synchronizes.
 */
final class FileIdempotentStore {

    static final long CONFIRMED = -1;
    private static final int SLACK = 10_000;
    private final Path path;
    private final boolean fsync;
    /** Every live key: pending since millis, or {@link #CONFIRMED}. */
    private final Map<String, Long> keys = new HashMap<>();
    /** Scope → its confirmed keys that expire with their source's horizon, with their record times. */
    private final Map<String, Scope> scoped = new HashMap<>();
    private FileChannel channel;
    private Writer writer;
    private long lines;

    FileIdempotentStore(String filePath, boolean fsync) {
        this.path = Paths.get(filePath);
        this.fsync = fsync;
    }

    Map<String, Long> keys() {
        return keys;
    }

    void open() throws IOException {
        open(pendingSince -> false);
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
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (lines > 2L * keys.size() + 16) {
            compact();
        } else {
            openWriter();
        }
    }

    private void openWriter() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
    }

    private void replay(String line) {
        if (line.startsWith("+ ")) {
            int space = line.indexOf(' ', 2);
            if (space > 0) {
                keys.put(line.substring(space + 1), Long.parseLong(line.substring(2, space)));
            }
        } else if (line.startsWith("= ")) {
            keys.put(line.substring(2), CONFIRMED);
        } else if (line.startsWith("T ")) {
            int a = line.indexOf(' ', 2);
            int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
            if (b > 0) {
                confirmScoped(line.substring(a + 1, b), line.substring(b + 1), Long.parseLong(line.substring(2, a)));
            }
        } else if (line.startsWith("X ")) {
            int a = line.lastIndexOf(' ');
            if (a > 2) {
                expire(line.substring(2, a), Long.parseLong(line.substring(a + 1)));
            }
        } else if (line.startsWith("- ")) {
            remove(line.substring(2));
        } else if (line.equals("!")) {
            keys.clear();
            scoped.clear();
        }
        // a torn last line after a crash matches nothing (or a shorter key) and is ignored
    }

    void confirmScoped(String scope, String key, long time) {
        keys.put(key, CONFIRMED);
        Scope times = scoped.get(scope);
        if (times == null) {
            times = new Scope();
            scoped.put(scope, times);
        }
        times.put(key, time);
    }

    /**
     * The keys of one scope → record time (millis), in the order they were confirmed. While that order is also time
     * order ({@code ordered}: a source reading oldest first), expiry takes keys from the head and stops at the first
     * one at or after the horizon, so a page's expiry costs what it expires, not the keys it keeps.
     */
    private static final class Scope {
        final LinkedHashMap<String, Long> times = new LinkedHashMap<>();
        boolean ordered = true;
        long last = Long.MIN_VALUE;

        void put(String key, long time) {
            Long old = times.put(key, time);
            if (old != null ? old != time : time < last) {
                ordered = false; // a key re-dated keeps its place; an older key lands after newer ones
            }
            last = Math.max(last, time);
        }
    }

    /** Forgets the keys of {@code scope} with a time before {@code horizon}; returns how many. */
    int expire(String scope, long horizon) {
        Scope times = scoped.get(scope);
        if (times == null) {
            return 0;
        }
        int n = 0;
        boolean ordered = true;
        long last = Long.MIN_VALUE;
        for (Iterator<Map.Entry<String, Long>> it = times.times.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> e = it.next();
            long time = e.getValue();
            if (time < horizon) {
                it.remove();
                keys.remove(e.getKey());
                n++;
            } else if (times.ordered) {
                break; // in time order: every later key is at or after this one
            } else {
                ordered &= time >= last;
                last = Math.max(last, time);
            }
        }
        if (times.times.isEmpty()) {
            scoped.remove(scope);
        } else if (!times.ordered) {
            times.ordered = ordered; // what is kept may be in order again
            times.last = last;
        }
        return n;
    }

    boolean remove(String key) {
        boolean had = keys.remove(key) != null;
        if (had) {
            for (Iterator<Scope> it = scoped.values().iterator(); it.hasNext();) {
                Map<String, Long> times = it.next().times;
                if (times.remove(key) != null && times.isEmpty()) {
                    it.remove();
                }
            }
        }
        return had;
    }

    void clear() {
        keys.clear();
        scoped.clear();
    }

    /** Live keys held in memory (for tests and the docs' memory bound). */
    int size() {
        return keys.size();
    }

    void append(String line) {
        append(List.of(line));
    }

    /** Appends lines in one write (one flush, one fsync when enabled); compacts when dead lines dominate. */
    void append(List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            for (String line : batch) {
                writer.write(line);
                writer.write('\n');
            }
            writer.flush();
            if (fsync) {
                channel.force(false);
            }
            lines += batch.size();
            if (lines > 2L * keys.size() + SLACK) {
                writer.close();
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write idempotent store " + path.toAbsolutePath(), e);
        }
    }

    /**
     * Confirms {@code keys} (record times {@code times[i]}, epoch millis, or {@link BatchIdempotentRepository#NO_TIME})
     * in {@code scope} (null: no expiry) and appends their lines in one write, without building them as strings.
     */
    void confirmAll(String scope, List<String> batch, long[] times) {
        if (batch.isEmpty()) {
            return;
        }
        int written = 0;
        try {
            for (int i = 0; i < batch.size(); i++) {
                String key = batch.get(i);
                long time = times[i];
                if (time != BatchIdempotentRepository.NO_TIME && scope != null) {
                    confirmScoped(scope, key, time);
                    writer.write("T ");
                    writeLong(time);
                    writer.write(' ');
                    writer.write(scope);
                    writer.write(' ');
                } else if (!Long.valueOf(CONFIRMED).equals(keys.put(key, CONFIRMED))) {
                    writer.write("= ");
                } else {
                    continue;
                }
                writer.write(key);
                writer.write('\n');
                written++;
            }
            if (written == 0) {
                return;
            }
            writer.flush();
            if (fsync) {
                channel.force(false);
            }
            lines += written;
            if (lines > 2L * keys.size() + SLACK) {
                writer.close();
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write idempotent store " + path.toAbsolutePath(), e);
        }
    }

    private final char[] digits = new char[20];

    /** Writes {@code value} in decimal without allocating. */
    private void writeLong(long value) throws IOException {
        if (value == Long.MIN_VALUE) {
            writer.write(Long.toString(value));
            return;
        }
        int at = digits.length;
        boolean negative = value < 0;
        long v = negative ? -value : value;
        do {
            digits[--at] = (char) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        if (negative) {
            digits[--at] = '-';
        }
        writer.write(digits, at, digits.length - at);
    }

    /** Rewrites the live keys to a temp file (streamed), fsync, atomic rename, and appends to it from then on. */
    private void compact() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
        try {
            long written = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    Writer out = new BufferedWriter(Channels.newWriter(ch, StandardCharsets.UTF_8), 1 << 16)) {
                Map<String, Boolean> inScope = new LinkedHashMap<>();
                for (Map.Entry<String, Scope> s : scoped.entrySet()) {
                    for (Map.Entry<String, Long> k : s.getValue().times.entrySet()) {
                        out.write("T " + k.getValue() + " " + s.getKey() + " " + k.getKey() + "\n");
                        inScope.put(k.getKey(), true);
                        written++;
                    }
                }
                for (Map.Entry<String, Long> k : keys.entrySet()) {
                    if (!inScope.containsKey(k.getKey())) {
                        out.write(k.getValue() == CONFIRMED ? "= " + k.getKey() + "\n" : "+ " + k.getValue() + " " + k.getKey() + "\n");
                        written++;
                    }
                }
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            lines = written;
        } finally {
            Files.deleteIfExists(tmp);
        }
        openWriter();
    }

    /**
     * Drops the expired pending keys from memory and, when the log then holds more dead lines than live keys,
     * rewrites it compacted while the store is open. Returns the number of keys dropped.
     */
    int sweep(LongPredicate expiredPending) {
        int before = keys.size();
        keys.values().removeIf(v -> v != CONFIRMED && expiredPending.test(v));
        if (lines > 2L * keys.size() + 16) {
            try {
                writer.close();
                compact();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot compact idempotent store " + path.toAbsolutePath(), e);
            }
        }
        return before - keys.size();
    }

    void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        keys.clear();
        scoped.clear();
    }
}
