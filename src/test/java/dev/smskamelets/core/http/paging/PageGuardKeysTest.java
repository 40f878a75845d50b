package dev.smskamelets.core.http.paging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageGuardKeysTest {

    @Test
    void aPageRepeatsThePreviousOneOnlyWhenEveryKeyIsAmongItsKeysInAnyOrder() {
        long[] previous = {5, -3, 9, 1};
        assertThat(PageGuard.allIn(new long[] {9, 1, 5, -3}, previous)).isTrue();
        assertThat(PageGuard.allIn(new long[] {1, 1}, previous)).isTrue();
        assertThat(PageGuard.allIn(new long[] {7, 1, 5}, previous)).as("first key new").isFalse();
        assertThat(PageGuard.allIn(new long[] {1, 5, 7}, previous)).as("a later key new").isFalse();
        assertThat(previous).as("the previous page's keys keep their order").containsExactly(5, -3, 9, 1);
    }
}
