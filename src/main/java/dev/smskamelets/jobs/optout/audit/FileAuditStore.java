package dev.smskamelets.jobs.optout.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-backed audit trail (default): {@code <directory>/<yyyy-MM>/<shard>.jsonl}, one JSON line per entry,
 * appended only. The month is the entry's UTC month (an event's receivedAt, an outcome's time): rotation by month,
 * and retention deletes whole months. The shard ({@code 00}..{@code ff} of {@code shards}, default 64) is a hash of the
 * number; an event id starts with the number's hash, so an outcome lands in the same shard as its event. The journey
 * of one number reads one shard file per month (1/64 of the trail), never the whole trail; a date-range report reads
 * the months from its start on.
 *
 * <p><b>Sync policy</b> ({@code sync}): {@code always} (default) forces every entry to the disk before
 * {@link #append} returns (FileChannel.force), so an entry the job was told about survives a crash or power cut;
 * {@code none} leaves it to the operating system (faster, loses the last seconds on a power cut; for tests and
 * benchmarks). A line cut by a crash is skipped when read (and logged once per read).
 *
 * <p>One process writes a directory (single-node mode); a cluster uses {@link JdbcAuditStore}.
 */
public class FileAuditStore implements AuditStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileAuditStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(AuditEntry.class);
    private static final ObjectReader READER = MAPPER.readerFor(AuditEntry.class);
    private static final int MAX_OPEN = 256;

    private final Path directory;
    private final int shards;
    private final boolean syncAlways;
    private final Map<Path, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, FileChannel> eldest) {
            if (size() > MAX_OPEN) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** A store in {@code directory} with 64 shards, forcing each entry to disk. */
    public FileAuditStore(Path directory) {
        this(directory, 64, "always");
    }

    /** @param sync {@code always} or {@code none} */
    public FileAuditStore(Path directory, int shards, String sync) {
        if (shards < 1 || shards > 256) {
            throw new IllegalArgumentException("Invalid shards " + shards + ": expected 1 to 256");
        }
        String s = sync == null ? "" : sync.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("always") && !s.equals("none")) {
            throw new IllegalArgumentException("Invalid sync '" + sync + "': expected always or none");
        }
        this.directory = directory;
        this.shards = shards;
        this.syncAlways = s.equals("always");
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void append(AuditEntry entry) {
        Path file = file(month(entry.time()), shard(entry.eventId()));
        try {
            FileChannel channel = open.get(file);
            if (channel == null) {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                open.put(file, channel);
            }
            byte[] line = (WRITER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (syncAlways) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AuditEntry> journey(String number) {
        String shard = shardName(OptOutAudit.numberHash(number));
        List<AuditEntry> shardEntries = new ArrayList<>();
        for (Path month : months()) {
            read(month.resolve(shard + ".jsonl"), shardEntries::add);
        }
        Set<String> ids = new HashSet<>();
        for (AuditEntry e : shardEntries) {
            if (e.isEvent() && number.equals(e.number())) {
                ids.add(e.eventId());
            }
        }
        List<AuditEntry> journey = new ArrayList<>();
        for (AuditEntry e : shardEntries) {
            if (ids.contains(e.eventId())) {
                journey.add(e);
            }
        }
        return journey;
    }

    @Override
    public void scan(Instant from, Consumer<AuditEntry> sink) {
        YearMonth first = YearMonth.from(from.atZone(ZoneOffset.UTC));
        for (Path month : months()) {
            if (YearMonth.parse(month.getFileName().toString()).isBefore(first)) {
                continue;
            }
            try (Stream<Path> files = Files.list(month)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                    read(file, e -> {
                        if (!Instant.parse(e.time()).isBefore(from)) {
                            sink.accept(e);
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list audit trail month " + month + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized long expireBefore(Instant horizon) {
        long removed = 0;
        for (Path month : months()) {
            YearMonth ym = YearMonth.parse(month.getFileName().toString());
            Instant end = ym.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!end.isAfter(horizon)) {
                open.entrySet().removeIf(e -> {
                    if (e.getKey().startsWith(month)) {
                        closeQuietly(e.getValue());
                        return true;
                    }
                    return false;
                });
                try (Stream<Path> files = Files.walk(month)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                        removed++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete expired audit month " + month + ": " + e.getMessage(), e);
                }
                LOG.info("Audit trail month {} deleted: older than the retention horizon {}", ym, horizon);
            }
        }
        return removed;
    }

    /** Bytes on disk of the whole trail. */
    public long sizeOnDisk() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(FileAuditStore::closeQuietly);
        open.clear();
    }

    private List<Path> months() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> months = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, "[0-9][0-9][0-9][0-9]-[0-9][0-9]")) {
            dirs.forEach(months::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list audit trail " + directory + ": " + e.getMessage(), e);
        }
        months.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return months;
    }

    private void read(Path file, Consumer<AuditEntry> sink) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(READER.readValue(line));
                } catch (IOException e) {
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read audit trail " + file + ": " + e.getMessage(), e);
        }
        if (skipped > 0) {
            LOG.warn("Audit trail {}: {} unreadable line(s) skipped (cut by a crash?)", file, skipped);
        }
    }

    private Path file(String month, String shard) {
        return directory.resolve(month).resolve(shard + ".jsonl");
    }

    private static String month(String instant) {
        return YearMonth.from(Instant.parse(instant).atZone(ZoneOffset.UTC)).toString();
    }

    private String shard(String eventId) {
        int dash = eventId == null ? -1 : eventId.indexOf('-');
        if (dash < 1) {
            throw new IllegalArgumentException("Invalid eventId '" + eventId + "': expected an id from OptOutAudit.received");
        }
        return shardName(Integer.parseInt(eventId.substring(0, dash), 16));
    }

    private String shardName(int hash) {
        return String.format("%02x", hash % shards);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a channel that was written and forced
        }
    }
}
