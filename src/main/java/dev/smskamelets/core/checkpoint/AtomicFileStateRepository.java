package dev.smskamelets.core.checkpoint;

import dev.smskamelets.core.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * File-based {@link StateRepository} (the embedded default for checkpoints): all states in one properties file,
 * rewritten on every {@link #setState} by write-then-rename with fsync, so a crash leaves the previous or the new
 * file, never a torn one. Camel's {@code FileStateRepository} appends {@code key=value} lines and truncates the file
 * in place when compacting, which a crash can corrupt; watermarks change once per page, so a full rewrite is cheap.
 *
 * <p>One process per file (use {@link JdbcStateRepository} for several nodes). Property: {@code filePath}
 * (default {@code data/sms-kamelets-state.properties}).
 */
public class AtomicFileStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private String filePath = "data/sms-kamelets-state.properties";
    private Properties states;

    public AtomicFileStateRepository() {
    }

    public AtomicFileStateRepository(String filePath) {
        this.filePath = filePath;
    }

    @Override
    public synchronized void setState(String key, String value) {
        load();
        String old = states.getProperty(key);
        if (value == null ? old == null : value.equals(old)) {
            return;
        }
        if (value == null) {
            states.remove(key);
        } else {
            states.setProperty(key, value);
        }
        try {
            StringWriter text = new StringWriter();
            Properties sorted = new Properties() {
                @Override
                public synchronized java.util.Set<java.util.Map.Entry<Object, Object>> entrySet() {
                    return new TreeMap<>(states).entrySet();
                }
            };
            sorted.store(text, "sms-kamelets state (checkpoints); written atomically");
            AtomicFiles.write(path(), text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write state file " + path().toAbsolutePath(), e);
        }
    }

    @Override
    public synchronized String getState(String key) {
        load();
        return states.getProperty(key);
    }

    @Override
    protected synchronized void doStart() {
        load();
    }

    @Override
    protected synchronized void doStop() {
        states = null;
    }

    private void load() {
        if (states != null) {
            return;
        }
        Properties p = new Properties();
        Path path = path();
        if (Files.exists(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read state file " + path.toAbsolutePath(), e);
            }
        }
        states = p;
    }

    private Path path() {
        return Paths.get(filePath);
    }

    public String getFilePath() {
        return filePath;
    }

    public synchronized void setFilePath(String filePath) {
        this.filePath = filePath;
        this.states = null;
    }
}
