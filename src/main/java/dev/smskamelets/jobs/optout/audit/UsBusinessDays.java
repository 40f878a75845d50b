package dev.smskamelets.jobs.optout.audit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * US business days: Monday to Friday except the federal holidays (5 U.S.C. 6103) on their observed dates, computed
 * per year: New Year's Day (1 Jan), Martin Luther King Jr. Day (third Monday of January), Washington's Birthday
 * (third Monday of February), Memorial Day (last Monday of May), Juneteenth (19 June, from 2021), Independence Day
 * (4 July), Labor Day (first Monday of September), Columbus Day (second Monday of October), Veterans Day (11 Nov),
 * Thanksgiving (fourth Thursday of November), Christmas (25 Dec). A fixed-date holiday on a Saturday is observed the
 * Friday before (1 Jan 2022 on Friday 31 Dec 2021), on a Sunday the Monday after.
 */
public final class UsBusinessDays {

    private static final Map<Integer, Set<LocalDate>> CACHE = new ConcurrentHashMap<>();

    private UsBusinessDays() {
    }

    /** The observed federal holidays falling in {@code year} (including 31 Dec for the next New Year's Day). */
    public static Set<LocalDate> holidays(int year) {
        return CACHE.computeIfAbsent(year, y -> {
            Set<LocalDate> days = new TreeSet<>();
            for (int candidate = y; candidate <= y + 1; candidate++) {
                for (LocalDate d : actual(candidate)) {
                    if (d.getYear() == y) {
                        days.add(d);
                    }
                }
            }
            return Set.copyOf(days);
        });
    }

    /** Whether {@code date} is a business day. */
    public static boolean isBusinessDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays(date.getYear()).contains(date);
    }

    /**
     * The business days elapsed from {@code start} to {@code end}: those after {@code start} up to and including
     * {@code end} (Friday to the next Monday is 1; the same day is 0; negative if end is before start).
     */
    public static long between(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            return -between(end, start);
        }
        long count = 0;
        for (LocalDate d = start.plusDays(1); !d.isAfter(end); d = d.plusDays(1)) {
            if (isBusinessDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The date {@code days} business days after {@code start}. */
    public static LocalDate plus(LocalDate start, int days) {
        LocalDate d = start;
        for (int left = days; left > 0; ) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) {
                left--;
            }
        }
        return d;
    }

    private static Set<LocalDate> actual(int y) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(observed(LocalDate.of(y, Month.JANUARY, 1)));
        days.add(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3));
        days.add(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        days.add(LocalDate.of(y, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        if (y >= 2021) {
            days.add(observed(LocalDate.of(y, Month.JUNE, 19)));
        }
        days.add(observed(LocalDate.of(y, Month.JULY, 4)));
        days.add(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        days.add(nth(y, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        days.add(observed(LocalDate.of(y, Month.NOVEMBER, 11)));
        days.add(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        days.add(observed(LocalDate.of(y, Month.DECEMBER, 25)));
        return days;
    }

    private static LocalDate nth(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    private static LocalDate observed(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.minusDays(1);
            case SUNDAY -> date.plusDays(1);
            default -> date;
        };
    }
}
