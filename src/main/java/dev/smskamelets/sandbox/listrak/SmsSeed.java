package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.LongPredicate;

/**
 * The deterministic seeded population of the primary Listrak sender code, held as arithmetic instead of objects
 * so a million opt-outs cost no memory. Contact {@code i} (0 ≤ i &lt; {@link #size()}) has a phone number drawn by a
 * seeded bijection, a name, e-mail and profile values from hashes of {@code i}; contacts {@code 0 .. optOuts-1}
 * are opted out, with opt-out dates rising with {@code i} across [{@code optOutsFrom}, {@code optOutsTo}).
 *
 * <p>Options: {@code listrak.contacts} (subscribed contacts, default 300), {@code listrak.optOuts} (default 40),
 * {@code listrak.optOutsFrom} / {@code listrak.optOutsTo} (ISO instants, default 2025-01-01T00:00:00Z /
 * 2026-10-01T00:00:00Z). Everybody subscribed during the year before {@code optOutsFrom}.
 */
public final class SmsSeed {

    private static final String[] FIRST = {"Alice", "Bob", "Carmen", "Dmitri", "Emma", "Farah", "Gus", "Hana",
        "Ivan", "Jade", "Kofi", "Lena", "Mateo", "Nina", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq"};
    private static final String[] LAST = {"Smith", "Garcia", "Nguyen", "Okafor", "Kowalski", "Rossi", "Tanaka",
        "Jensen", "Haddad", "Silva", "Novak", "Brown", "Meyer", "Dubois", "Patel", "Lopez"};
    private static final String[] STORES = {"Downtown", "Mall of the Lakes", "Airport", "Riverside", "Online"};
    private static final String[] REASONS = {"Campaign", "Campaign", "Campaign", "Campaign", "Campaign", "Campaign",
        "Campaign", "Campaign", "Campaign", "Campaign", "Campaign", "Campaign", "Admin", "Admin", "Admin",
        "DeliveryFailure", "DeliveryFailure", "Import", "API", "PermanentError"};

    private final long seed;
    private final SeededPhones phones;
    private final int optOuts;
    private final int size;
    private final Instant optOutsFrom;
    private final long optOutSpanSeconds;
    private final Instant subscribedFrom;
    private final long subscribeSpanSeconds;

    public SmsSeed(SandboxConfig config) {
        this.seed = config.seed();
        int contacts = config.intOption("listrak.contacts", 300);
        this.optOuts = config.intOption("listrak.optOuts", 40);
        if (contacts < 0 || optOuts < 0 || (long) contacts + optOuts > 100_000_000L) {
            throw new IllegalArgumentException("listrak.contacts and listrak.optOuts must be 0..100000000 in total, got "
                    + contacts + " and " + optOuts);
        }
        this.size = contacts + optOuts;
        this.optOutsFrom = instant(config, "listrak.optOutsFrom", "2025-01-01T00:00:00Z");
        Instant to = instant(config, "listrak.optOutsTo", "2026-10-01T00:00:00Z");
        if (!to.isAfter(optOutsFrom)) {
            throw new IllegalArgumentException("listrak.optOutsTo (" + to + ") must be after listrak.optOutsFrom (" + optOutsFrom + ")");
        }
        this.optOutSpanSeconds = Duration.between(optOutsFrom, to).getSeconds();
        this.subscribedFrom = optOutsFrom.minus(Duration.ofDays(365));
        this.subscribeSpanSeconds = Duration.ofDays(365).getSeconds();
        this.phones = new SeededPhones(mix(seed));
    }

    private static Instant instant(SandboxConfig config, String name, String defaultValue) {
        String value = config.option(name, defaultValue);
        try {
            return value.length() == 10 ? Instant.parse(value + "T00:00:00Z") : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Sandbox option " + name + " must be an ISO date or instant, got '" + value + "'");
        }
    }

    /** Seeded contacts on the primary sender code (opted out and subscribed). */
    public int size() {
        return size;
    }

    public int optOuts() {
        return optOuts;
    }

    public Instant optOutsFrom() {
        return optOutsFrom;
    }

    public Instant optOutsTo() {
        return optOutsFrom.plusSeconds(optOutSpanSeconds);
    }

    public String phone(long i) {
        return phones.phone(i);
    }

    /** The seeded index of a normalised phone number, or -1. */
    public long indexOf(String phone) {
        long i = phones.indexOf(phone);
        return i < size ? i : -1;
    }

    public boolean optedOut(long i) {
        return i < optOuts;
    }

    public Instant optOutDate(long i) {
        return optOutsFrom.plusSeconds(i * optOutSpanSeconds / Math.max(1, optOuts));
    }

    public String optOutReason(long i) {
        return REASONS[(int) Math.floorMod(h(i, 1), REASONS.length)];
    }

    public Instant subscribeDate(long i) {
        return subscribedFrom.plusSeconds(i * subscribeSpanSeconds / Math.max(1, size));
    }

    public String firstName(long i) {
        return FIRST[(int) Math.floorMod(h(i, 2), FIRST.length)];
    }

    public String lastName(long i) {
        return LAST[(int) Math.floorMod(h(i, 3), LAST.length)];
    }

    public String email(long i) {
        return (firstName(i) + "." + lastName(i) + "." + i + "@example.com").toLowerCase();
    }

    /** The seeded index of an e-mail address, or -1. */
    public long indexOfEmail(String email) {
        if (email == null) {
            return -1;
        }
        String e = email.toLowerCase();
        int at = e.indexOf("@example.com");
        int dot = at < 0 ? -1 : e.lastIndexOf('.', at);
        try {
            long i = dot < 0 ? -1 : Long.parseLong(e.substring(dot + 1, at));
            return i >= 0 && i < size && email(i).equals(e) ? i : -1;
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** Cross Channel mobile contact UID of a seeded contact (a UUID whose last group encodes the index). */
    public String mobileContactUid(long i) {
        long h = mix(seed + 17);
        return String.format("%08x-%04x-4%03x-8%03x-%012x", h >>> 32, (h >>> 16) & 0xffff, (h >>> 4) & 0xfff,
                (h & 0xf) << 8 | 0xa, i);
    }

    public long indexOfMobileContactUid(String uid) {
        if (uid == null || uid.length() != 36) {
            return -1;
        }
        try {
            long i = Long.parseLong(uid.substring(24), 16);
            return i < size && mobileContactUid(i).equalsIgnoreCase(uid) ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String postalCode(long i) {
        return String.format("%05d", Math.floorMod(h(i, 4), 90_000) + 10_000);
    }

    /** Seeded profile value of a contact for a field of {@link SmsCatalog}, or null. */
    public String fieldValue(long i, int fieldId) {
        return switch (fieldId) {
            case SmsCatalog.FIELD_FAVORITE_STORE -> STORES[(int) Math.floorMod(h(i, 5), STORES.length)];
            case SmsCatalog.FIELD_VIP -> Math.floorMod(h(i, 6), 5) == 0 ? "true" : "false";
            case SmsCatalog.FIELD_LOYALTY_POINTS -> Long.toString(Math.floorMod(h(i, 7), 5000));
            default -> null;
        };
    }

    /** Seeded list membership: everybody is on the main list, every third contact on the VIP list. */
    public boolean onList(long i, int listId) {
        return listId == SmsCatalog.LIST_MAIN || (listId == SmsCatalog.LIST_VIP && i % 3 == 0);
    }

    public static boolean seededList(int listId) {
        return listId == SmsCatalog.LIST_MAIN || listId == SmsCatalog.LIST_VIP;
    }

    /** Smallest index in [lo, hi) for which {@code test} holds, assuming it is monotone; hi if none. */
    public static long firstIndex(long lo, long hi, LongPredicate test) {
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (test.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private long h(long i, long salt) {
        return mix(seed * 0x9E3779B97F4A7C15L + salt * 1_000_003L + i);
    }

    private static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }
}
