package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.SandboxConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic Textable data. Options (per user unless noted): {@code textable.users} (2; the first is an admin),
 * {@code textable.contacts} (200), {@code textable.optedOut} (20, texted STOP), {@code textable.archived} (10),
 * {@code textable.blocked} (2), {@code textable.conversations} (40 contacts with messages),
 * {@code textable.relayWebhook} (relay URL of the first user; none by default).
 */
final class TxSeed {

    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] AREAS = {"737", "210", "214", "469"};
    private static final String[] NAMES = {"Ana Ruiz", "Ben Carter", "Chloe Nguyen", "Dev Patel", "Eli Brooks", "Fay Moreno"};

    private TxSeed() {
    }

    static void populate(TxState state, SandboxConfig config) {
        Random random = new Random(config.seed() * 17 + 3);
        int users = Math.max(1, config.intOption("textable.users", 2));
        for (int u = 0; u < users; u++) {
            TxUser user = new TxUser(state.id(), "+1512555" + String.format("%04d", 100 + u), "user" + u + "@sandbox.example",
                    u == 0 ? "API User" : "Agent " + u, state.organizationId, state.token(40), state.token(24));
            user.admin = u == 0;
            if (u == 0) {
                user.relayWebhook = config.option("textable.relayWebhook", null);
            }
            state.users.put(user.id, user);
            drips(state, user);
            contacts(state, user, AREAS[u % AREAS.length], config, random);
        }
    }

    private static void drips(TxState state, TxUser user) {
        for (String name : new String[] {"New patient welcome", "Recall reminder"}) {
            String id = state.id();
            Map<String, Object> drip = new LinkedHashMap<>();
            drip.put("id", id);
            drip.put("name", name);
            drip.put("drips", List.of(step("Day 1", 1, "Welcome! Reply STOP to opt out."), step("Day 7", 7, "How was your visit?")));
            drip.put("created", null);
            drip.put("updated", null);
            drip.put("uid", user.id);
            state.drips.put(id, drip);
        }
    }

    private static Map<String, Object> step(String name, int days, String message) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("interval", days);
        s.put("intervalType", "days");
        s.put("message", message);
        s.put("created", null);
        return s;
    }

    private static void contacts(TxState state, TxUser user, String area, SandboxConfig config, Random random) {
        int n = config.intOption("textable.contacts", 200);
        long start = END.minus(Duration.ofDays(365)).toEpochMilli();
        long span = Duration.ofDays(365).toMillis();
        List<TxContact> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TxContact c = state.newContact(user.id, "+1" + area + String.format("%07d", 5550000 + i), start + span * i / Math.max(1, n));
            c.fullName = NAMES[random.nextInt(NAMES.length)];
            if (random.nextBoolean()) {
                c.email = c.fullName.toLowerCase().replace(' ', '.') + i + "@example.com";
            }
            created.add(c);
        }
        Collections.shuffle(created, random);
        int optedOut = Math.min(n, config.intOption("textable.optedOut", 20));
        int archived = Math.min(n - optedOut, config.intOption("textable.archived", 10));
        int blocked = Math.min(n - optedOut - archived, config.intOption("textable.blocked", 2));
        int conversations = Math.min(n, Math.max(optedOut, config.intOption("textable.conversations", 40)));
        for (int i = 0; i < conversations; i++) {
            TxContact c = created.get(i);
            long at = c.created + random.nextInt(86_400_000);
            String[] bodies = i < optedOut ? new String[] {"Your appointment is confirmed.", "STOP"}
                    : new String[] {"Your appointment is confirmed.", "Thanks, see you!"};
            for (int k = 0; k < bodies.length; k++) {
                boolean out = k == 0;
                state.messages.add(new TxMessage(state.id(), user.id, c.id, out ? "out" : "in",
                        List.of(out ? c.phoneNumber : user.phone), out ? user.phone : c.phoneNumber, bodies[k], List.of(), at,
                        out ? "sent" : "received"));
                c.lastMessage = bodies[k];
                c.lastMessageDate = at;
                at += 60_000 + random.nextInt(3_600_000);
            }
            c.optedOut = i < optedOut;
        }
        for (int i = optedOut; i < optedOut + archived; i++) {
            created.get(i).archived = true;
        }
        for (int i = optedOut + archived; i < optedOut + archived + blocked; i++) {
            created.get(i).blocked = true;
        }
    }
}
