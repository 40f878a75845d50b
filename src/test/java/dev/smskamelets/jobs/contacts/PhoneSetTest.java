package dev.smskamelets.jobs.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneSetTest {

    @Test
    void remembersEveryNumberAcrossGrowthAndRefusesWhatIsNotE164() {
        PhoneSet set = new PhoneSet();
        for (int i = 0; i < 200_000; i++) {
            assertThat(set.add("+1321" + String.format("%07d", i))).isTrue();
        }
        assertThat(set.add("+447911123456")).isTrue();
        assertThat(set.size()).isEqualTo(200_001);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(set.add("+1321" + String.format("%07d", i))).as("seen before: " + i).isFalse();
        }
        assertThat(set.add("+447911123456")).isFalse();
        assertThat(set.size()).isEqualTo(200_001);
        assertThatThrownBy(() -> set.add("3215550100")).hasMessageContaining("not an E.164 number: '3215550100'");
    }
}
