package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The contacts of every sender code: the seeded population of the main sender code (computed from
 * {@link SmsSeed}) overlaid with every contact that was created or changed. Lists are walked in a stable
 * position order (seeded index, then creation order) that list cursors refer to.
 */
final class SmsContacts {

    /** One page of contacts; {@code next} is the position to continue from, or -1 at the end. */
    record Page(List<SmsContact> contacts, long next) {
    }

    private final SmsSeed seed;
    private final Map<Integer, Map<String, SmsContact>> stored = new HashMap<>();
    private final Map<Integer, NavigableMap<Long, SmsContact>> byPosition = new HashMap<>();
    private final Set<Long> touchedSeeded = new HashSet<>();
    private long nextPosition;

    SmsContacts(SmsSeed seed) {
        this.seed = seed;
        this.nextPosition = seed.size();
    }

    /** The contact, or null when the phone is not a contact of this sender code. */
    SmsContact find(int senderCodeId, String phone) {
        SmsContact contact = stored.getOrDefault(senderCodeId, Map.of()).get(phone);
        if (contact != null || senderCodeId != SmsCatalog.SENDER_MAIN) {
            return contact;
        }
        long i = seed.indexOf(phone);
        return i < 0 ? null : seeded(i);
    }

    SmsContact require(int senderCodeId, String phone) {
        SmsContact contact = find(senderCodeId, phone);
        if (contact == null) {
            throw ListrakError.notFound("ERROR_PHONE_NUMBER_NOT_FOUND",
                    "phoneNumber " + phone + " is not a contact of sender code " + senderCodeId + ".");
        }
        return contact;
    }

    /** The stored contact to change (a seeded contact is copied into the overlay first). */
    SmsContact forUpdate(int senderCodeId, String phone) {
        SmsContact contact = require(senderCodeId, phone);
        if (stored.getOrDefault(senderCodeId, Map.of()).get(phone) == contact) {
            return contact;
        }
        touchedSeeded.add(contact.position);
        store(contact);
        return contact;
    }

    SmsContact create(int senderCodeId, String phone) {
        SmsContact contact = new SmsContact(senderCodeId, phone, nextPosition++);
        contact.subscribeDate = Instant.now();
        store(contact);
        return contact;
    }

    /** Every stored copy of this phone across sender codes (profile values are company-wide). */
    List<SmsContact> allSenderCodes(String phone) {
        List<SmsContact> out = new ArrayList<>();
        stored.values().forEach(m -> {
            SmsContact c = m.get(phone);
            if (c != null) {
                out.add(c);
            }
        });
        return out;
    }

    /** True when some changed or created contact (any sender code) matches. */
    boolean anyStored(Predicate<SmsContact> test) {
        return stored.values().stream().anyMatch(m -> m.values().stream().anyMatch(test));
    }

    private void store(SmsContact contact) {
        stored.computeIfAbsent(contact.senderCodeId, k -> new HashMap<>()).put(contact.phone, contact);
        byPosition.computeIfAbsent(contact.senderCodeId, k -> new TreeMap<>()).put(contact.position, contact);
    }

    SmsContact seeded(long i) {
        SmsContact c = new SmsContact(SmsCatalog.SENDER_MAIN, seed.phone(i), i);
        c.firstName = seed.firstName(i);
        c.lastName = seed.lastName(i);
        c.email = seed.email(i);
        c.postalCode = seed.postalCode(i);
        c.subscribeDate = seed.subscribeDate(i);
        if (seed.optedOut(i)) {
            c.optedOut = true;
            c.optOutDate = seed.optOutDate(i);
            c.optOutReason = seed.optOutReason(i);
        }
        for (int list : new int[] {SmsCatalog.LIST_MAIN, SmsCatalog.LIST_VIP}) {
            if (seed.onList(i, list)) {
                c.lists.put(list, new SmsContact.Subscription(SmsContact.SUBSCRIBED, c.subscribeDate));
            }
        }
        for (int field : new int[] {SmsCatalog.FIELD_FAVORITE_STORE, SmsCatalog.FIELD_VIP, SmsCatalog.FIELD_LOYALTY_POINTS}) {
            c.fields.put(field, seed.fieldValue(i, field));
        }
        return c;
    }

    /**
     * Subscribed contacts of a list with the given opt-out status (and subscribe date in [from, to] when given),
     * from position {@code start}, at most {@code limit}.
     */
    Page list(int senderCodeId, int listId, boolean optedOut, Instant from, Instant to, long start, int limit) {
        long lo = optedOut ? 0 : seed.optOuts();
        long hi = optedOut ? seed.optOuts() : seed.size();
        if (from != null) {
            lo = SmsSeed.firstIndex(lo, hi, i -> !seed.subscribeDate(i).isBefore(from));
        }
        if (to != null) {
            hi = SmsSeed.firstIndex(lo, hi, i -> seed.subscribeDate(i).isAfter(to));
        }
        LongPredicate seededOk = i -> seed.onList(i, listId);
        Predicate<SmsContact> storedOk = c -> c.subscribed(listId) && c.optedOut == optedOut
                && inRange(c.lists.get(listId).subscribeDate, from, to);
        return scan(senderCodeId, listId, lo, hi, seededOk, storedOk, start, limit);
    }

    /** How many contacts match: used for broadcast audiences. */
    long count(int senderCodeId, int listId, LongPredicate seededOk, Predicate<SmsContact> storedOk) {
        long n = 0;
        long start = 0;
        while (start >= 0) {
            Page page = scan(senderCodeId, listId, seed.optOuts(), seed.size(), seededOk, storedOk, start, 10_000);
            n += page.contacts().size();
            start = page.next();
        }
        return n;
    }

    private Page scan(int senderCodeId, int listId, long lo, long hi, LongPredicate seededOk,
                      Predicate<SmsContact> storedOk, long start, int limit) {
        boolean seededList = senderCodeId == SmsCatalog.SENDER_MAIN && SmsSeed.seededList(listId);
        long s = seededList ? Math.max(start, lo) : hi;
        NavigableMap<Long, SmsContact> extras = byPosition.getOrDefault(senderCodeId, new TreeMap<>());
        Map.Entry<Long, SmsContact> e = extras.ceilingEntry(start);
        List<SmsContact> out = new ArrayList<>();
        while (true) {
            while (s < hi && (touchedSeeded.contains(s) || !seededOk.test(s))) {
                s++;
            }
            while (e != null && !storedOk.test(e.getValue())) {
                e = extras.higherEntry(e.getKey());
            }
            boolean takeSeeded = s < hi && (e == null || s < e.getKey());
            if (!takeSeeded && e == null) {
                return new Page(out, -1);
            }
            long position = takeSeeded ? s : e.getKey();
            if (out.size() == limit) {
                return new Page(out, position);
            }
            if (takeSeeded) {
                out.add(seeded(s++));
            } else {
                out.add(e.getValue());
                e = extras.higherEntry(e.getKey());
            }
        }
    }

    private static boolean inRange(Instant at, Instant from, Instant to) {
        return at != null && (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to));
    }
}
