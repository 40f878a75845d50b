package dev.smskamelets.jobs.optout.audit;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of the opt-outs received in a period: one row per opt-out and target with its status, lag and SLA
 * breach. Status: {@code done} (last outcome applied, already or absent), {@code failed} (last outcome failed or
 * dead-lettered: a dead-lettered target stays failed until a later applied outcome, e.g. after a replay),
 * {@code pending} (no outcome yet for an expected target, or no outcome at all: target {@code *}) or
 * {@code review} (a revocation held for review: target {@code *}). The lag runs from when the vendor recorded the
 * opt-out (else when it was received) to when the target became done, or to now when it is not; in hours and in US
 * business days ({@link UsBusinessDays}, dates in the report's zone). A row breaches the SLA when its lag exceeds
 * the SLA's business days.
 */
public final class AuditReport {

    public static final List<String> COLUMNS = List.of("event_id", "number", "origin_vendor", "origin_account",
            "channel", "keyword", "message_id", "webhook_event_id", "reason", "vendor_at", "received_at", "target",
            "status", "last_outcome", "last_outcome_at", "done_at", "lag_hours", "lag_business_days", "sla_breach",
            "not_applied");

    /** One opt-out at one target. */
    public record Row(AuditEntry event, String target, String status, String lastOutcome, String lastOutcomeAt,
            Instant doneAt, Instant start, double lagHours, long lagBusinessDays, boolean slaBreach) {

        public boolean notApplied() {
            return doneAt == null;
        }

        Map<String, Object> csv() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event_id", event.eventId());
            m.put("number", event.number());
            m.put("origin_vendor", event.originVendor());
            m.put("origin_account", event.originAccount());
            m.put("channel", event.channel());
            m.put("keyword", event.keyword());
            m.put("message_id", event.messageId());
            m.put("webhook_event_id", event.webhookEventId());
            m.put("reason", event.reason());
            m.put("vendor_at", event.vendorAt());
            m.put("received_at", event.receivedAt());
            m.put("target", target);
            m.put("status", status);
            m.put("last_outcome", lastOutcome);
            m.put("last_outcome_at", lastOutcomeAt);
            m.put("done_at", doneAt == null ? null : doneAt.toString());
            m.put("lag_hours", BigDecimal.valueOf(lagHours).setScale(1, RoundingMode.HALF_UP).toPlainString());
            m.put("lag_business_days", lagBusinessDays);
            m.put("sla_breach", slaBreach);
            m.put("not_applied", notApplied());
            return m;
        }
    }

    /** Counts for monitoring: rows past the SLA, rows not applied, and when the oldest unapplied opt-out started. */
    public record Summary(int breaches, int openBreaches, int unapplied, Instant oldestUnapplied) {

        public Duration oldestUnappliedAge(Instant now) {
            return oldestUnapplied == null ? Duration.ZERO : Duration.between(oldestUnapplied, now);
        }
    }

    private final Instant from;
    private final Instant to;
    private final int slaBusinessDays;
    private final List<Row> rows;

    private AuditReport(Instant from, Instant to, int slaBusinessDays, List<Row> rows) {
        this.from = from;
        this.to = to;
        this.slaBusinessDays = slaBusinessDays;
        this.rows = rows;
    }

    static AuditReport build(List<AuditEntry> entries, Instant from, Instant to, Instant now, ZoneId zone, int sla,
            List<String> expectedTargets) {
        Map<String, AuditEntry> events = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            if (e.isEvent()) {
                Instant received = Instant.parse(e.receivedAt());
                if (!received.isBefore(from) && received.isBefore(to)) {
                    events.putIfAbsent(e.eventId(), e);
                }
            }
        }
        Map<String, Map<String, List<AuditEntry>>> outcomes = new HashMap<>();
        for (AuditEntry e : entries) {
            if (!e.isEvent() && events.containsKey(e.eventId())) {
                outcomes.computeIfAbsent(e.eventId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (AuditEntry event : events.values()) {
            Instant vendorAt = OptOutAudit.parseOrNull(event.vendorAt());
            Instant start = vendorAt != null ? vendorAt : Instant.parse(event.receivedAt());
            Map<String, List<AuditEntry>> byTarget = outcomes.getOrDefault(event.eventId(), new LinkedHashMap<>());
            boolean held = "review".equals(event.decision()) && byTarget.isEmpty();
            for (String t : held ? List.<String>of() : expectedTargets) {
                // a revocation held for review is one row in the review queue until someone decides, not a pending
                // row per target; once outcomes are recorded for it, it is judged per target like any opt-out
                byTarget.putIfAbsent(t, new ArrayList<>());
            }
            if (byTarget.isEmpty()) {
                String status = "review".equals(event.decision()) ? "review" : "pending";
                rows.add(row(event, "*", status, null, null, null, start, now, zone, sla));
                continue;
            }
            for (Map.Entry<String, List<AuditEntry>> target : byTarget.entrySet()) {
                List<AuditEntry> list = target.getValue();
                list.sort(Comparator.comparing(o -> Instant.parse(o.at())));
                Instant doneAt = null;
                for (AuditEntry o : list) {
                    boolean done = Outcome.of(o.outcome()).done();
                    if (!done) {
                        doneAt = null;
                    } else if (doneAt == null) {
                        doneAt = Instant.parse(o.at());
                    }
                }
                AuditEntry last = list.isEmpty() ? null : list.get(list.size() - 1);
                String status = last == null ? "pending" : doneAt != null ? "done" : "failed";
                rows.add(row(event, target.getKey(), status, last == null ? null : last.outcome(),
                        last == null ? null : last.at(), doneAt, start, now, zone, sla));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> Instant.parse(r.event().receivedAt())).thenComparing(Row::target));
        return new AuditReport(from, to, sla, List.copyOf(rows));
    }

    private static Row row(AuditEntry event, String target, String status, String lastOutcome, String lastAt,
            Instant doneAt, Instant start, Instant now, ZoneId zone, int sla) {
        Instant end = doneAt != null ? doneAt : now;
        double hours = Duration.between(start, end).toSeconds() / 3600.0;
        long days = UsBusinessDays.between(start.atZone(zone).toLocalDate(), end.atZone(zone).toLocalDate());
        return new Row(event, target, status, lastOutcome, lastAt, doneAt, start, hours, days, days > sla);
    }

    public List<Row> rows() {
        return rows;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public int slaBusinessDays() {
        return slaBusinessDays;
    }

    /** The rows not applied yet (failed, pending, review). */
    public List<Row> notApplied() {
        return rows.stream().filter(Row::notApplied).toList();
    }

    public Summary summary() {
        int breaches = 0;
        int open = 0;
        int unapplied = 0;
        Instant oldest = null;
        for (Row r : rows) {
            if (r.slaBreach()) {
                breaches++;
                if (r.notApplied()) {
                    open++;
                }
            }
            if (r.notApplied()) {
                unapplied++;
                if (oldest == null || r.start().isBefore(oldest)) {
                    oldest = r.start();
                }
            }
        }
        return new Summary(breaches, open, unapplied, oldest);
    }

    /** The report as CSV (header line first), written by Jackson. */
    public void writeCsv(Writer out) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        try (SequenceWriter writer = new CsvMapper().writer(schema.build().withHeader()).writeValues(out)) {
            for (Row r : rows) {
                writer.write(r.csv());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit report: " + e.getMessage(), e);
        }
    }

    public String csv() {
        StringWriter out = new StringWriter();
        writeCsv(out);
        return out.toString();
    }
}
