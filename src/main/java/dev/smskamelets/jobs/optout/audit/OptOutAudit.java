package dev.smskamelets.jobs.optout.audit;

import dev.smskamelets.core.optout.OptOutKeywords;
import dev.smskamelets.core.redact.Redactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The opt-out audit trail: what the opt-out job calls to record every opt-out it receives and what each target did
 * about it, and the queries a compliance officer runs (the journey of a number, a date-range report with lag in US
 * business days and SLA breaches). Append-only; holds no secret and no message body beyond the keyword.
 *
 * <p><b>Recording</b> (the job's calls):
 * <pre>
 * String id = audit.received(number, originVendor, originAccount, channel, keyword, messageId, webhookEventId,
 *                            reason, vendorAt);             // opt-out received; returns its event id
 * audit.outcome(id, "listrak-sms:1234", "applied", detail); // per target: applied|already|absent|failed|dead-lettered
 * </pre>
 * The event id is derived from the opt-out's identity (number, origin, evidence, vendor time): the same opt-out
 * received again (a retried inbox file, a dead letter replayed) gets the same id, and its new outcomes join it.
 *
 * <p><b>Storage</b>: {@link FileAuditStore} under {@code directory} (default {@code data/audit}) unless
 * {@code dataSource} is set (cluster mode: {@link JdbcAuditStore}, table {@code tableName}), or a {@code store} given.
 * Entries older than {@code retention} (default {@code P5Y}, longer than the TCPA's 4-year limitation period) are
 * deleted at start and once a day.
 *
 * <p><b>Monitoring</b>: over the opt-outs received in the last {@code monitorWindow} (default {@code P90D}), recomputed
 * at most every {@code monitorInterval} (default {@code PT1M}): gauges {@code sms.optout.audit.sla.breaches} (rows
 * past the SLA, late or still open), {@code sms.optout.audit.unapplied} and
 * {@code sms.optout.audit.oldest.unapplied.age} (seconds), and health check {@code optout-audit}, DOWN while an
 * opt-out is not applied at some target after {@code slaBusinessDays} (default 10) US business days.
 */
public class OptOutAudit extends ServiceSupport implements CamelContextAware {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int DETAIL_MAX = 200;

    private CamelContext camelContext;
    private AuditStore store;
    private String directory = "data/audit";
    private DataSource dataSource;
    private String tableName;
    private String sync = "always";
    private Period retention = Period.ofYears(5);
    private int slaBusinessDays = 10;
    private ZoneId zone = ZoneId.of("America/New_York");
    private List<String> targets = List.of();
    private Duration monitorWindow = Duration.ofDays(90);
    private Duration monitorInterval = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meters;
    private volatile Instant lastExpiry;
    private volatile AuditReport.Summary lastSummary;
    private volatile Instant lastSummaryAt;

    // ---- recording -------------------------------------------------------------------------------------------

    /**
     * Records an opt-out received (decision {@code opt-out}) and returns its event id.
     *
     * @param number         the number, E.164 ({@code +15125550123}); anything else fails naming the value
     * @param originVendor   {@code listrak-sms}, {@code textrequest} or {@code textable}
     * @param originAccount  the sender code id, dashboard id or Textable user id (may be null)
     * @param channel        {@code webhook}, {@code poll} or {@code inbound} (may be null)
     * @param keyword        the inbound message's keyword (never its body; may be null)
     * @param messageId      the inbound message id (may be null)
     * @param webhookEventId the web hook event id (may be null)
     * @param reason         the vendor's opt-out reason, e.g. Listrak's optOutReason (may be null)
     * @param vendorAt       when the vendor recorded it: ISO-8601 instant, offset or (UTC) local date-time (may be
     *                       null; an unreadable value is kept as text and the lag counts from receipt)
     */
    public String received(String number, String originVendor, String originAccount, String channel, String keyword,
            String messageId, String webhookEventId, String reason, String vendorAt) {
        return received(number, originVendor, originAccount, channel, keyword, messageId, webhookEventId, reason,
                vendorAt, OptOutKeywords.Decision.OPT_OUT.label());
    }

    /**
     * As the 9-argument {@code received}, with the {@code decision}: {@code opt-out}, or {@code review} for a revocation
     * held for review under the {@code review} revocation policy ({@link OptOutKeywords#decide}); held events are
     * listed by the report (status {@code review}) until the job records outcomes for them.
     */
    public String received(String number, String originVendor, String originAccount, String channel, String keyword,
            String messageId, String webhookEventId, String reason, String vendorAt, String decision) {
        String e164 = blankToNull(number);
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("Invalid number '" + number + "': expected E.164 such as +15125550123");
        }
        String vendor = blankToNull(originVendor);
        if (vendor == null) {
            throw new IllegalArgumentException("Invalid originVendor '" + originVendor + "': expected the vendor name");
        }
        String d = blankToNull(decision) == null ? "opt-out" : decision.strip().toLowerCase(Locale.ROOT);
        if (!d.equals("opt-out") && !d.equals("review")) {
            throw new IllegalArgumentException("Invalid decision '" + decision + "': expected opt-out or review");
        }
        String at = instantOrText(vendorAt);
        String kw = clip(blankToNull(keyword), 20);
        String account = clip(blankToNull(originAccount), 100);
        String ch = clip(blankToNull(channel), 20);
        String mid = clip(blankToNull(messageId), 100);
        String wid = clip(blankToNull(webhookEventId), 100);
        String why = clip(blankToNull(reason), 100);
        String id = eventId(e164, vendor, account, ch, at, kw, mid, wid, why);
        append(new AuditEntry(AuditEntry.EVENT, id, e164, vendor, account, ch, d, kw, mid, wid, why, at,
                now().toString(), null, null, null, null));
        return id;
    }

    /** Records what a target did about an opt-out, now. {@code outcome}: see {@link Outcome#of(String)}. */
    public void outcome(String eventId, String target, String outcome, String detail) {
        outcome(eventId, target, Outcome.of(outcome), now(), detail);
    }

    /** Records what a target did about an opt-out at {@code at}. */
    public void outcome(String eventId, String target, Outcome outcome, Instant at, String detail) {
        if (blankToNull(eventId) == null || eventId.indexOf('-') < 1) {
            throw new IllegalArgumentException("Invalid eventId '" + eventId + "': expected the id received() returned");
        }
        if (blankToNull(target) == null) {
            throw new IllegalArgumentException("Invalid target '" + target + "': expected e.g. listrak-sms:1234");
        }
        String note = detail == null ? null : clip(Redactor.redact(detail.replaceAll("\\s+", " ").strip()), DETAIL_MAX);
        append(AuditEntry.outcome(eventId, clip(target.strip(), 100), outcome.label(), at.toString(), note));
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    /** Every event of the number and, per event and target, its outcomes in order ({@link Journey}). */
    public Journey journey(String number) {
        return Journey.of(number, store().journey(number));
    }

    /** The report of the opt-outs received from {@code from} to {@code to} (dates in {@code zone}, inclusive). */
    public AuditReport report(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        return report(start, end);
    }

    /** The report of the opt-outs received in [start, end). */
    public AuditReport report(Instant start, Instant end) {
        List<AuditEntry> entries = new ArrayList<>();
        store().scan(start, entries::add);
        return AuditReport.build(entries, start, end, now(), zone, slaBusinessDays, targets);
    }

    /** The monitoring summary (cached for {@code monitorInterval}). */
    public AuditReport.Summary summary() {
        Instant now = now();
        AuditReport.Summary s = lastSummary;
        if (s == null || lastSummaryAt == null || !now.isBefore(lastSummaryAt.plus(monitorInterval))) {
            s = report(now.minus(monitorWindow), now.plusSeconds(1)).summary();
            lastSummary = s;
            lastSummaryAt = now;
        }
        return s;
    }

    /** Deletes entries older than the retention; returns how many (files or rows). */
    public long expire() {
        lastExpiry = now();
        return store().expireBefore(now().atZone(ZoneOffset.UTC).minus(retention).toInstant());
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /** The store (created from the configuration on first use). */
    public synchronized AuditStore store() {
        if (store == null) {
            if (dataSource != null) {
                JdbcAuditStore jdbc = tableName == null ? new JdbcAuditStore() : new JdbcAuditStore(dataSource, tableName);
                jdbc.setDataSource(dataSource);
                jdbc.start();
                store = jdbc;
            } else {
                store = new FileAuditStore(Path.of(directory), 64, sync);
            }
        }
        return store;
    }

    @Override
    protected void doStart() {
        store();
        expire();
        if (camelContext != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
            if (registry != null && registry.getCheck(AuditHealthCheck.ID).isEmpty()) {
                registry.register(new AuditHealthCheck(this));
            }
        }
        MeterRegistry m = meters();
        m.gauge("sms.optout.audit.sla.breaches", Tags.empty(), this, a -> a.summary().breaches());
        m.gauge("sms.optout.audit.unapplied", Tags.empty(), this, a -> a.summary().unapplied());
        m.gauge("sms.optout.audit.oldest.unapplied.age", Tags.empty(), this,
                a -> a.summary().oldestUnappliedAge(a.now()).toSeconds());
    }

    @Override
    protected void doStop() {
        if (store != null) {
            store.close();
        }
    }

    private void append(AuditEntry entry) {
        store().append(entry);
        Instant last = lastExpiry;
        if (last == null || now().isAfter(last.plus(Duration.ofDays(1)))) {
            expire();
        }
        lastSummaryAt = null; // the next summary sees this entry
    }

    Instant now() {
        return clock.instant();
    }

    private MeterRegistry meters() {
        if (meters == null) {
            MeterRegistry found = camelContext == null ? null
                    : camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            meters = found != null ? found : Metrics.globalRegistry;
        }
        return meters;
    }

    /** The number's 16-bit hash as 4 hex digits: the first part of its event ids (the file store's shard). */
    static int numberHash(String number) {
        byte[] h = sha256(number);
        return ((h[0] & 0xff) << 8) | (h[1] & 0xff);
    }

    static String eventId(String... parts) {
        String identity = String.join("\u001f", java.util.Arrays.stream(parts).map(p -> p == null ? "" : p).toList());
        return String.format("%04x", numberHash(parts[0])) + "-" + HexFormat.of().formatHex(sha256(identity), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String instantOrText(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v).toString();
        } catch (DateTimeParseException e1) {
            try {
                return OffsetDateTime.parse(v).toInstant().toString();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toString();
                } catch (DateTimeParseException e3) {
                    return "unreadable: " + clip(v, 40);
                }
            }
        }
    }

    static Instant parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Also adds this bean to the context's services (started with it, or at once if it runs). */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        if (this.camelContext == camelContext) {
            return; // addService injects the context again
        }
        this.camelContext = camelContext;
        if (camelContext != null && !camelContext.hasService(this)) {
            try {
                camelContext.addService(this, true, false);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot add the opt-out audit to the Camel context: " + e.getMessage(), e);
            }
        }
    }

    public void setStore(AuditStore store) {
        this.store = store;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** File store sync policy: {@code always} (default, fsync per entry) or {@code none}. */
    public void setSync(String sync) {
        this.sync = sync;
    }

    public Period getRetention() {
        return retention;
    }

    /** ISO-8601 period, default {@code P5Y}. */
    public void setRetention(String retention) {
        try {
            this.retention = Period.parse(retention.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid retention '" + retention + "': expected an ISO-8601 period such as P5Y", e);
        }
        if (this.retention.isNegative() || this.retention.isZero()) {
            throw new IllegalArgumentException("Invalid retention '" + retention + "': must be positive");
        }
    }

    public int getSlaBusinessDays() {
        return slaBusinessDays;
    }

    public void setSlaBusinessDays(int slaBusinessDays) {
        if (slaBusinessDays < 1) {
            throw new IllegalArgumentException("Invalid slaBusinessDays " + slaBusinessDays + ": must be at least 1");
        }
        this.slaBusinessDays = slaBusinessDays;
    }

    public ZoneId getZone() {
        return zone;
    }

    /** The zone of business days and report dates, default {@code America/New_York}. */
    public void setZone(String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** The targets every opt-out must reach (comma-separated, optional): one without an outcome is {@code pending}. */
    public void setTargets(String targets) {
        List<String> list = new ArrayList<>();
        for (String t : targets == null ? new String[0] : targets.split(",")) {
            if (!t.isBlank()) {
                list.add(t.strip());
            }
        }
        this.targets = List.copyOf(list);
    }

    public void setMonitorWindow(String window) {
        this.monitorWindow = Duration.parse(window);
    }

    public void setMonitorInterval(String interval) {
        this.monitorInterval = Duration.parse(interval);
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public void setMeterRegistry(MeterRegistry registry) {
        this.meters = registry;
    }

    /** The journey of one number: its events in order, each with its outcomes per target. */
    public record Journey(String number, List<EventJourney> events) {

        static Journey of(String number, List<AuditEntry> entries) {
            Map<String, EventJourney> byId = new LinkedHashMap<>();
            for (AuditEntry e : entries) {
                if (e.isEvent()) {
                    byId.putIfAbsent(e.eventId(), new EventJourney(e, new LinkedHashMap<>()));
                }
            }
            for (AuditEntry e : entries) {
                EventJourney ej = byId.get(e.eventId());
                if (!e.isEvent() && ej != null) {
                    ej.targets().computeIfAbsent(e.target(), t -> new ArrayList<>()).add(e);
                }
            }
            List<EventJourney> events = new ArrayList<>(byId.values());
            events.sort(java.util.Comparator.comparing(ej -> Instant.parse(ej.event().receivedAt())));
            for (EventJourney ej : events) {
                ej.targets().values().forEach(l -> l.sort(java.util.Comparator.comparing(o -> Instant.parse(o.at()))));
            }
            return new Journey(number, events);
        }
    }

    /** One event of a journey and its outcomes per target (in time order). */
    public record EventJourney(AuditEntry event, Map<String, List<AuditEntry>> targets) {
    }
}
