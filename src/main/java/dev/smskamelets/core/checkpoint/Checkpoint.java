package dev.smskamelets.core.checkpoint;

import dev.smskamelets.core.store.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persisted watermark of one job reading one source, kept in a Camel {@link StateRepository} under the key
 * {@code <job>/<source>}.
 *
 * <p>{@link #readFrom()} is where the next read starts: the watermark minus {@code lookback} (to tolerate clock skew
 * and late records; duplicates this re-reads are absorbed by the idempotent repository), or {@code startAt} on the
 * first run; never earlier than {@code startAt}. Call {@link #advanceTo(Instant)} only after every record of a page
 * was handed off successfully; the watermark never moves backwards and never below {@code startAt}. A restarted job,
 * or another node over the same JDBC table, resumes from it.
 *
 * <p>A vendor may ignore the date filter and answer with records older than the window a pass asked for (Listrak
 * opt-outs of 2019, Text Request contacts of 1936 after {@code startDate=2025-01-01}). A pass brackets its reads with
 * {@link #beginPass()} and {@link #endPass()} and asks {@link #inWindow(Instant)} for each record's time: a record
 * dated before the pass's lower bound is counted, never used for the watermark, and the count is logged once per
 * pass.
 *
 * <p>Bean properties: {@code repository} (required), {@code job}, {@code source} (required), {@code lookback}
 * ({@code PT10M} or {@code 10m}, default 0), {@code startAt} (ISO instant, offset date-time or date; default: the
 * epoch).
 */
public class Checkpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private StateRepository<String, String> repository;
    private String job;
    private String source;
    private Duration lookback = Duration.ZERO;
    private Instant startAt = Instant.EPOCH;
    /** The lower bound the current pass asked for (null outside a pass) and its records dated before it. */
    private Instant passFrom;
    private long outside;
    private Instant earliestOutside;

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

    /** Where the next read starts: watermark − lookback, or {@code startAt} on the first run; never before startAt. */
    public Instant readFrom() {
        Instant watermark = watermark();
        return watermark == null ? startAt : later(startAt, watermark.minus(lookback));
    }

    /**
     * Starts a pass: returns {@link #readFrom()} and keeps it as the lower bound of the window this pass asks the
     * vendor for, against which {@link #inWindow(Instant)} judges records. A previous pass that never reached
     * {@link #endPass()} (it failed) has its out-of-window count logged now.
     */
    public synchronized Instant beginPass() {
        endPass();
        passFrom = readFrom();
        return passFrom;
    }

    /** {@link #beginPass()} as ISO-8601 text, for URIs and simple expressions. */
    public String beginPassText() {
        return beginPass().toString();
    }

    /**
     * Whether a record dated {@code at} lies in the window the current pass asked for (at or after its lower bound;
     * {@link #readFrom()} outside a pass). A record before it is counted for {@link #endPass()} and must not be
     * used to move the watermark.
     */
    public synchronized boolean inWindow(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("Checkpoint " + key() + ": inWindow needs a time, got null");
        }
        Instant from = passFrom != null ? passFrom : readFrom();
        if (!at.isBefore(from)) {
            return true;
        }
        outside++;
        earliestOutside = earliestOutside == null || at.isBefore(earliestOutside) ? at : earliestOutside;
        return false;
    }

    /**
     * Ends a pass: logs once how many records came back dated before the window it asked for (a vendor ignoring the
     * date filter), and returns that count.
     */
    public synchronized long endPass() {
        long count = outside;
        if (count > 0) {
            LOG.warn("Checkpoint {}: {} record(s) dated before the requested window came back in this pass (asked"
                    + " from {}, earliest {}): the vendor ignored the date filter; they were handed on but did not"
                    + " move the watermark", key(), count, passFrom, earliestOutside);
        }
        passFrom = null;
        outside = 0;
        earliestOutside = null;
        return count;
    }

    /** {@link #readFrom()} as ISO-8601 text, for URIs and simple expressions. */
    public String readFromText() {
        return readFrom().toString();
    }

    /**
     * Moves the watermark to {@code handedOff} if that is later than both the stored one and {@code startAt};
     * returns whether it moved. Call it once every record up to {@code handedOff} has been handed off successfully.
     */
    public synchronized boolean advanceTo(Instant handedOff) {
        if (handedOff == null) {
            throw new IllegalArgumentException("Checkpoint " + key() + ": advanceTo needs a time, got null");
        }
        Instant current = watermark();
        if (!handedOff.isAfter(current == null ? startAt : later(startAt, current))) {
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

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
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
