package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The opt-outs of each sender code in opt-out date order: the seeded ones of the main sender code (computed
 * from {@link SmsSeed}, nothing stored) merged with those that happened while the sandbox ran (appended, their
 * dates never decrease). A cursor is a pair of positions (seeded, recorded), so paging stays exact while new
 * opt-outs arrive.
 */
final class SmsOptOuts {

    /** One opt-out as {@code GET .../OptOut} lists it. */
    record OptOut(String phoneNumber, String optOutDate, String optOutReason) {
    }

    private record Recorded(String phone, Instant date, String reason) {
    }

    /** A page and where the next one starts (null at the end). */
    record Page(List<OptOut> data, long[] next) {
    }

    private final SmsSeed seed;
    private final Map<Integer, List<Recorded>> recorded = new HashMap<>();
    private Instant last = Instant.EPOCH;

    SmsOptOuts(SmsSeed seed) {
        this.seed = seed;
    }

    /** Records an opt-out now and returns its date. */
    Instant record(int senderCodeId, String phone, String reason) {
        Instant now = Instant.now();
        last = now.isAfter(last) ? now : last;
        recorded.computeIfAbsent(senderCodeId, k -> new ArrayList<>()).add(new Recorded(phone, last, reason));
        return last;
    }

    long total(int senderCodeId) {
        return seededCount(senderCodeId) + recorded.getOrDefault(senderCodeId, List.of()).size();
    }

    Page page(int senderCodeId, Instant from, Instant to, long[] cursor, int count) {
        List<Recorded> runtime = recorded.getOrDefault(senderCodeId, List.of());
        long sLo = 0;
        long sHi = seededCount(senderCodeId);
        int rLo = 0;
        int rHi = runtime.size();
        if (from != null) {
            sLo = SmsSeed.firstIndex(sLo, sHi, i -> !seed.optOutDate(i).isBefore(from));
            rLo = (int) SmsSeed.firstIndex(rLo, rHi, i -> !runtime.get((int) i).date().isBefore(from));
        }
        if (to != null) {
            sHi = SmsSeed.firstIndex(sLo, sHi, i -> seed.optOutDate(i).isAfter(to));
            int lo = rLo;
            rHi = (int) SmsSeed.firstIndex(lo, rHi, i -> runtime.get((int) i).date().isAfter(to));
        }
        long s = Math.max(sLo, cursor[0]);
        int r = (int) Math.max(rLo, Math.min(cursor[1], Integer.MAX_VALUE));
        List<OptOut> data = new ArrayList<>(Math.min(count, 5000));
        while (data.size() < count && (s < sHi || r < rHi)) {
            boolean seeded = s < sHi && (r >= rHi || !seed.optOutDate(s).isAfter(runtime.get(r).date()));
            if (seeded) {
                data.add(new OptOut(seed.phone(s), ListrakDates.format(seed.optOutDate(s)), seed.optOutReason(s)));
                s++;
            } else {
                Recorded o = runtime.get(r++);
                data.add(new OptOut(o.phone(), ListrakDates.format(o.date()), o.reason()));
            }
        }
        return new Page(data, s < sHi || r < rHi ? new long[] {s, r} : null);
    }

    private long seededCount(int senderCodeId) {
        return senderCodeId == SmsCatalog.SENDER_MAIN ? seed.optOuts() : 0;
    }
}
