package dev.smskamelets.jobs.optout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsBusinessDaysTest {

    @Test
    void federalHolidaysAreComputedWithTheirObservedDates() {
        assertThat(UsBusinessDays.holidays(2026)).containsExactlyInAnyOrder(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 19), // MLK: third Monday of January
                LocalDate.of(2026, 2, 16), LocalDate.of(2026, 5, 25), LocalDate.of(2026, 6, 19),
                LocalDate.of(2026, 7, 3), // 4 July 2026 is a Saturday: observed Friday 3 July
                LocalDate.of(2026, 9, 7), LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 11),
                LocalDate.of(2026, 11, 26), // Thanksgiving: fourth Thursday
                LocalDate.of(2026, 12, 25));
        // 2027: Juneteenth on a Saturday (Fri 18 Jun), Christmas on a Saturday (Fri 24 Dec), and New Year's Day 2028
        // (a Saturday) observed on Friday 31 Dec 2027
        assertThat(UsBusinessDays.holidays(2027)).contains(LocalDate.of(2027, 6, 18), LocalDate.of(2027, 12, 24),
                LocalDate.of(2027, 12, 31));
        assertThat(UsBusinessDays.holidays(2028)).doesNotContain(LocalDate.of(2028, 1, 1));
        // Juneteenth became a federal holiday in 2021; 2022's fell on a Sunday (observed Monday 20 June)
        assertThat(UsBusinessDays.holidays(2020)).doesNotContain(LocalDate.of(2020, 6, 19));
        assertThat(UsBusinessDays.holidays(2022)).contains(LocalDate.of(2022, 6, 20));
        assertThat(UsBusinessDays.holidays(2023)).contains(LocalDate.of(2023, 1, 2)); // 1 Jan 2023 a Sunday
    }

    @Test
    void businessDaysSkipAWeekendAndAFederalHoliday() {
        LocalDate friday = LocalDate.of(2026, 1, 16); // weekend, then MLK Day Monday 19 January
        assertThat(UsBusinessDays.between(friday, LocalDate.of(2026, 1, 17))).isZero();
        assertThat(UsBusinessDays.between(friday, LocalDate.of(2026, 1, 19))).isZero();
        assertThat(UsBusinessDays.between(friday, LocalDate.of(2026, 1, 20))).isEqualTo(1);
        assertThat(UsBusinessDays.between(friday, friday)).isZero();
        // 10 business days after Friday 16 Jan 2026 is Monday 2 Feb (not Friday 30 Jan: MLK Day is skipped)
        assertThat(UsBusinessDays.plus(friday, 10)).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(UsBusinessDays.between(friday, LocalDate.of(2026, 2, 2))).isEqualTo(10);
        // Thanksgiving week 2026: Wed 25 Nov to Mon 30 Nov is 2 (Fri 27 and Mon 30)
        assertThat(UsBusinessDays.between(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 30))).isEqualTo(2);
        // Christmas 2027 observed Fri 24 Dec, New Year 2028 observed Fri 31 Dec: Thu 23 Dec to Mon 3 Jan is 5
        assertThat(UsBusinessDays.between(LocalDate.of(2027, 12, 23), LocalDate.of(2028, 1, 3))).isEqualTo(5);
        assertThat(UsBusinessDays.between(LocalDate.of(2026, 1, 20), friday)).isEqualTo(-1);
    }
}
