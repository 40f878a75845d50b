package dev.smskamelets.core.checkpoint;

import dev.smskamelets.core.store.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.camel.spi.StateRepository;

/**
 * The persisted watermark of one job reading one source, kept in a Camel {@link StateRepository} under the key
 * {@code <job>/<source>}.
 *
 * <p>{@link #readFrom()} is where the next read starts: the watermark minus {@code lookback} (to tolerate clock skew
 * and late records; duplicates this re-reads are absorbed by the idempotent repository), or {@code startAt} on the
 * first run. Call {@link #advanceTo(Instant)} only after every record of a page was handed off successfully; the
 * watermark never moves backwards. A restarted job, or another node over the same JDBC table, resumes from it.
 *
 * <p>Bean properties: {@code repository} (required), {@code job}, {@code source} (required), {@code lookback}
 * ({@code PT10M} or {@code 10m}, default 0), {@code startAt} (ISO instant, offset date-time or date; default: the
 * epoch).
 */
public class Checkpoint {

    private StateRepository<String, String> repository;
    private String job;
    private String source;
    private Duration lookback = Duration.ZERO;
    private Instant startAt = Instant.EPOCH;

    public Checkpoint() {
    }

    public Checkpoint(StateRepository<String, String> repository, String job, String source) {
        this.repository = repository;
        this.job = job;
        this.source = source;
    }

    /** The stored watermark, or {@code null} before the first {@link #advanceTo}. */
    public synchronized Instant watermark() {
        String value = repo().getState(key());
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Checkpoint " + key() + " holds an invalid watermark '" + value + "'", e);
        }
    }

    /** Where the next read starts: watermark − lookback, or {@code startAt} on the first run. */
    public Instant readFrom() {
        Instant watermark = watermark();
        return watermark == null ? startAt : watermark.minus(lookback);
    }

    /** {@link #readFrom()} as ISO-8601 text, for URIs and simple expressions. */
    public String readFromText() {
        return readFrom().toString();
    }

    /**
     * Moves the watermark to {@code handedOff} if that is later than the stored one; returns whether it moved.
     * Call it once every record up to {@code handedOff} has been handed off successfully.
     */
    public synchronized boolean advanceTo(Instant handedOff) {
        if (handedOff == null) {
            throw new IllegalArgumentException("Checkpoint " + key() + ": advanceTo needs a time, got null");
        }
        Instant current = watermark();
        if (current != null && !handedOff.isAfter(current)) {
            return false;
        }
        repo().setState(key(), handedOff.toString());
        return true;
    }

    /** {@link #advanceTo(Instant)} from ISO-8601 text (instant, offset date-time or epoch milliseconds). */
    public boolean advanceToText(String handedOff) {
        return advanceTo(parseTime("advanceTo", handedOff));
    }

    /** The state key: {@code <job>/<source>}. */
    public String key() {
        if (source == null || source.isBlank()) {
            throw new IllegalStateException("Checkpoint: property source is not set");
        }
        return (job == null || job.isBlank() ? "default" : job) + "/" + source;
    }

    private StateRepository<String, String> repo() {
        if (repository == null) {
            throw new IllegalStateException("Checkpoint " + key() + ": property repository is not set");
        }
        return repository;
    }

    static Instant parseTime(String field, String text) {
        String v = text == null ? "" : text.trim();
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.matches("\\d{10,}")) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            return v.endsWith("Z") ? Instant.parse(v) : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + field + " '" + text
                    + "': expected an ISO-8601 instant (2024-01-31T00:00:00Z), offset date-time, date or epoch ms", e);
        }
    }

    public StateRepository<String, String> getRepository() {
        return repository;
    }

    public void setRepository(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public Duration getLookback() {
        return lookback;
    }

    /** ISO-8601 ({@code PT10M}) or Camel style ({@code 10m}, {@code 1h30m}). */
    public void setLookback(String lookback) {
        this.lookback = Durations.parse("lookback", lookback);
    }

    public Instant getStartAt() {
        return startAt;
    }

    public void setStartAt(String startAt) {
        this.startAt = parseTime("startAt", startAt);
    }
}
