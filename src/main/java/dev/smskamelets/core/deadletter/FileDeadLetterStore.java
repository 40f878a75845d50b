package dev.smskamelets.core.deadletter;

import dev.smskamelets.core.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * File-based {@link DeadLetterStore} (the embedded default): one file {@code <id>.json} per record, holding one
 * JSON line, in {@code directory} (default {@code data/dead-letters}). Written by write-then-rename, removed by
 * deleting the file, so several routes (and {@code ls}, {@code jq}, {@code rm}) can use it at the same time.
 */
public class FileDeadLetterStore implements DeadLetterStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,120}");
    private String directory = "data/dead-letters";

    public FileDeadLetterStore() {
    }

    public FileDeadLetterStore(String directory) {
        this.directory = directory;
    }

    @Override
    public void add(DeadLetter letter) {
        try {
            AtomicFiles.write(file(letter.id()), (DeadLetterJson.write(letter) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write dead letter to " + dir().toAbsolutePath(), e);
        }
    }

    @Override
    public List<DeadLetter> list(int max) {
        try (Stream<Path> files = files()) {
            return files.sorted().limit(max).map(this::read).flatMap(Optional::stream).toList();
        }
    }

    @Override
    public Optional<DeadLetter> get(String id) {
        return read(file(id));
    }

    @Override
    public boolean remove(String id) {
        try {
            return Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove dead letter " + id, e);
        }
    }

    @Override
    public int count() {
        try (Stream<Path> files = files()) {
            return (int) files.count();
        }
    }

    private Stream<Path> files() {
        if (!Files.isDirectory(dir())) {
            return Stream.empty();
        }
        try {
            return Files.list(dir()).filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list dead letters in " + dir().toAbsolutePath(), e);
        }
    }

    private Optional<DeadLetter> read(Path file) {
        try {
            return Optional.of(DeadLetterJson.read(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile (replayed by another route)
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dead letter " + file, e);
        }
    }

    private Path file(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Invalid dead-letter id '" + id + "'");
        }
        return dir().resolve(id + ".json");
    }

    private Path dir() {
        return Paths.get(directory);
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }
}
