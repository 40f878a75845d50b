package dev.smskamelets.sandbox.listrak;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A seeded bijection between indexes and valid US phone numbers (50 area codes × exchanges 200–999 × 10,000
 * lines): {@code phone(i) = digits((i·A + offset) mod N)}, and its inverse, so a seeded contact's phone needs no
 * storage and a phone finds its contact in constant time.
 */
final class SeededPhones {

    private static final int[] AREAS = {201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217,
        218, 219, 220, 223, 224, 225, 228, 229, 231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269,
        270, 272, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309, 310};
    private static final long SPACE = AREAS.length * 800L * 10_000L;
    private static final long MULTIPLIER = 7_368_787L; // coprime with SPACE (2^10·5^8)
    private static final long INVERSE = BigInteger.valueOf(MULTIPLIER).modInverse(BigInteger.valueOf(SPACE)).longValue();

    private final long offset;

    SeededPhones(long hash) {
        this.offset = Math.floorMod(hash, SPACE);
    }

    String phone(long i) {
        long v = Math.floorMod(i * MULTIPLIER + offset, SPACE);
        int area = AREAS[(int) (v / 8_000_000L)];
        long exchange = 200 + (v / 10_000L) % 800;
        long line = v % 10_000L;
        char[] digits = new char[10];
        digits[0] = (char) ('0' + area / 100);
        digits[1] = (char) ('0' + area / 10 % 10);
        digits[2] = (char) ('0' + area % 10);
        digits[3] = (char) ('0' + exchange / 100);
        digits[4] = (char) ('0' + exchange / 10 % 10);
        digits[5] = (char) ('0' + exchange % 10);
        for (int k = 9; k >= 6; k--) {
            digits[k] = (char) ('0' + line % 10);
            line /= 10;
        }
        return new String(digits);
    }

    /** The index of a normalised 10-digit phone, or -1 when it is outside the seeded space. */
    long indexOf(String phone) {
        if (phone == null || phone.length() != 10) {
            return -1;
        }
        int a = Arrays.binarySearch(AREAS, Integer.parseInt(phone.substring(0, 3)));
        int exchange = Integer.parseInt(phone.substring(3, 6));
        if (a < 0 || exchange < 200) {
            return -1;
        }
        long v = a * 8_000_000L + (exchange - 200) * 10_000L + Integer.parseInt(phone.substring(6));
        return Math.floorMod(Math.floorMod(v - offset, SPACE) * INVERSE, SPACE);
    }
}
