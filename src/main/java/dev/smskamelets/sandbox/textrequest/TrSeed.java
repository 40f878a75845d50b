package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.SandboxConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Deterministic Text Request data: the same seed and options always give the same dashboards, contacts (ids,
 * phones, dates, opt-outs) and conversations. Creation dates rise with the contact number and lie in the
 * {@code textrequest.days} days before 2026-01-01, so date filters are reproducible whatever the wall clock.
 *
 * <p>Options (per dashboard unless noted): {@code textrequest.dashboards} (2), {@code textrequest.tenDlcDashboards}
 * (1, the last ones), {@code textrequest.tenDlcRate} (10 msg/s), {@code textrequest.contacts} (300),
 * {@code textrequest.optedOut} (30, texted STOP), {@code textrequest.suppressed} (15), {@code textrequest.blocked} (3),
 * {@code textrequest.conversations} (60 contacts with messages), {@code textrequest.days} (365),
 * {@code textrequest.suppressedReason} (of the seeded suppressions, "Opted out at another vendor"),
 * {@code textrequest.apiKey} (derived from the seed).
 */
final class TrSeed {

    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] AREAS = {"321", "423", "615", "704", "803", "919"};
    private static final String[] FIRST = {"John", "Maria", "Wei", "Aisha", "Lucas", "Emma", "Noah", "Olivia", "Liam", "Sofia"};
    private static final String[] LAST = {"Smith", "Garcia", "Chen", "Khan", "Silva", "Brown", "Jones", "Miller", "Davis", "Lopez"};
    private static final String[] OUT = {"Hi {name}, your order has shipped!", "Reminder: your appointment is tomorrow.",
            "Thanks for visiting us, {name}!", "Flash sale today only: 20% off."};
    private static final String[] IN = {"Thanks!", "What time do you open?", "Can I reschedule?", "Great, see you then."};

    private TrSeed() {
    }

    static String apiKey(SandboxConfig config) {
        Random random = new Random(config.seed() ^ 0x7E47L);
        return config.option("textrequest.apiKey", String.format("%016X%016X", random.nextLong(), random.nextLong()));
    }

    static void populate(TrState state, SandboxConfig config) {
        Random random = new Random(config.seed() * 31 + 7);
        int dashboards = config.intOption("textrequest.dashboards", 2);
        int tenDlc = config.intOption("textrequest.tenDlcDashboards", 1);
        int rate = config.intOption("textrequest.tenDlcRate", 10);
        for (int i = 0; i < dashboards; i++) {
            int id = state.nextDashboardId++;
            String phone = "1" + AREAS[i % AREAS.length] + "218" + String.format("%04d", 111 + i);
            boolean isTenDlc = i >= dashboards - tenDlc;
            TrDashboard d = new TrDashboard(id, (isTenDlc ? "10DLC line " : "Store line ") + (i + 1), phone,
                    state.ids.guid("phone"), isTenDlc, rate);
            state.dashboards.put(id, d);
            populate(state, d, AREAS[i % AREAS.length], config, random);
        }
    }

    private static void populate(TrState state, TrDashboard d, String area, SandboxConfig config, Random random) {
        for (String[] t : new String[][] {{"VIP", "#E53935"}, {"Lead", "#1EB1C4"}, {"Customer", "#43A047"}}) {
            TrCatalog.Tag tag = new TrCatalog.Tag(state.ids.guid("tag"), t[0], t[1]);
            d.tags.put(tag.id, tag);
        }
        for (String g : new String[] {"Newsletter", "Employees"}) {
            TrCatalog.Group group = new TrCatalog.Group(state.nextGroupId++, g, null, false);
            d.groups.put(group.id, group);
        }
        TrCatalog.Field email = new TrCatalog.Field(state.ids.guid("field"), "Email");
        d.fields.put(email.id, email);
        TrCatalog.Field customerId = new TrCatalog.Field(state.ids.guid("field"), "Customer Id");
        d.fields.put(customerId.id, customerId);
        TrCatalog.Group joinGroup = new TrCatalog.Group(state.nextGroupId++, "JOIN", "Keyword group", true);
        d.groups.put(joinGroup.id, joinGroup);
        d.keywords.put(state.nextKeywordId, new TrCatalog.Keyword(state.nextKeywordId++, joinGroup.id,
                END.minus(Duration.ofDays(200)), "JOIN", "Welcome! Reply STOP to opt out."));

        int n = config.intOption("textrequest.contacts", 300);
        int days = Math.max(1, config.intOption("textrequest.days", 365));
        Instant start = END.minus(Duration.ofDays(days));
        long span = Duration.ofDays(days).toSeconds();
        List<TrContact> contacts = new ArrayList<>();
        List<String> tagIds = List.copyOf(d.tags.keySet());
        List<Integer> groupIds = List.copyOf(d.groups.keySet());
        for (int i = 0; i < n; i++) {
            String phone = "1" + area + String.format("%07d", 5550000 + i);
            Instant created = start.plusSeconds(span * i / Math.max(1, n) + random.nextInt(600));
            TrContact c = new TrContact(state.nextContactId++, phone, created);
            c.firstName = FIRST[random.nextInt(FIRST.length)];
            c.lastName = LAST[random.nextInt(LAST.length)];
            if (random.nextInt(3) == 0) {
                c.tags.add(tagIds.get(random.nextInt(tagIds.size())));
            }
            if (random.nextInt(4) == 0) {
                c.groups.add(groupIds.get(random.nextInt(2)));
            }
            if (random.nextInt(2) == 0) {
                c.customFields.put(email.id, c.firstName.toLowerCase() + "." + i + "@example.com");
            }
            d.add(c);
            contacts.add(c);
        }
        List<TrContact> shuffled = new ArrayList<>(contacts);
        Collections.shuffle(shuffled, random);
        int optedOut = Math.min(n, config.intOption("textrequest.optedOut", 30));
        int suppressed = Math.min(n - optedOut, config.intOption("textrequest.suppressed", 15));
        int blocked = Math.min(n - optedOut - suppressed, config.intOption("textrequest.blocked", 3));
        int conversations = Math.min(n, Math.max(optedOut, config.intOption("textrequest.conversations", 60)));
        for (int i = 0; i < conversations; i++) {
            converse(state, d, shuffled.get(i), i < optedOut, random);
        }
        for (int i = optedOut; i < optedOut + suppressed; i++) {
            shuffled.get(i).suppressed = true;
            shuffled.get(i).suppressedReason = config.option("textrequest.suppressedReason", "Opted out at another vendor");
        }
        for (int i = optedOut + suppressed; i < optedOut + suppressed + blocked; i++) {
            shuffled.get(i).blocked = true;
        }
        d.messages.sort(Comparator.comparing((TrMessage m) -> m.timestamp));
    }

    private static void converse(TrState state, TrDashboard d, TrContact c, boolean stops, Random random) {
        long room = Math.max(60, Duration.between(c.created, END).toSeconds() - 60);
        Instant at = c.created.plusSeconds(random.nextLong(Math.max(1, room / 2)));
        int count = 1 + random.nextInt(4);
        for (int k = 0; k < count || stops; k++) {
            boolean last = k >= count;
            boolean outbound = !last && k % 2 == 0;
            String body = last ? "STOP" : outbound ? OUT[random.nextInt(OUT.length)].replace("{name}", c.firstName)
                    : IN[random.nextInt(IN.length)];
            TrMessage m = new TrMessage(state.ids.guid("message"), c.phone, outbound ? 'S' : 'R', body,
                    outbound ? "Store team" : null, at, List.of(), null, null);
            d.messages.add(m);
            state.messageDashboards.put(m.id, d);
            c.lastMessage = m;
            if (c.firstContact == null) {
                c.firstContact = at;
            }
            if (outbound) {
                c.totalSent++;
                c.lastSent = at;
            } else {
                c.totalReceived++;
                c.lastReceived = at;
                c.responseCount += c.totalSent > 0 ? 1 : 0;
            }
            if (last) {
                c.optedOut = at;
                c.archived = true;
                break;
            }
            at = at.plusSeconds(1 + random.nextLong(Math.max(1, Duration.between(at, END).toSeconds() / 4)));
        }
    }
}
