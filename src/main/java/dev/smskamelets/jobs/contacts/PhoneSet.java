package dev.smskamelets.jobs.contacts;

/**
 * The E.164 numbers seen so far in one file, as 64-bit numbers in an open-addressing hash table (linear probing,
 * at most 3/4 full): the contact import's per-file duplicate check. An E.164 number has at most 15 digits, so it fits
 * a {@code long}; the table takes 8 bytes per slot, 11 to 21 bytes per distinct number (16 MB for 1,000,000
 * distinct numbers, 24 MB for a moment while it doubles), whatever the rows carry besides the number.
 */
final class PhoneSet {

    private long[] slots = new long[1024];
    private int size;

    /** Adds an E.164 number ({@code +15551234567}); false when it was already there. */
    boolean add(String e164) {
        long key = key(e164);
        if (insert(slots, key)) {
            if (++size * 4L > slots.length * 3L) {
                grow();
            }
            return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private static long key(String e164) {
        if (e164 == null || e164.length() < 2 || e164.length() > 16 || e164.charAt(0) != '+') {
            throw new IllegalArgumentException("not an E.164 number: '" + e164 + "'");
        }
        return Long.parseLong(e164, 1, e164.length(), 10);
    }

    private static boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (table[i] != 0) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long key : slots) {
            if (key != 0) {
                insert(bigger, key);
            }
        }
        slots = bigger;
    }
}
