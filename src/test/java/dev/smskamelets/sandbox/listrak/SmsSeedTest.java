package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.smskamelets.sandbox.SandboxConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Listrak seed generator: deterministic per seed, invertible, valid phone numbers, ordered opt-out dates. */
class SmsSeedTest {

    private static SmsSeed seed(long seed, Map<String, String> options) {
        return new SmsSeed(new SandboxConfig("127.0.0.1", 0, seed, options));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        SmsSeed a = seed(42, Map.of());
        SmsSeed b = seed(42, Map.of());
        SmsSeed c = seed(43, Map.of());
        for (long i = 0; i < a.size(); i++) {
            assertThat(b.phone(i)).isEqualTo(a.phone(i));
            assertThat(b.email(i)).isEqualTo(a.email(i));
            assertThat(b.optOutReason(i)).isEqualTo(a.optOutReason(i));
        }
        assertThat(c.phone(0)).isNotEqualTo(a.phone(0));
    }

    @Test
    void phonesAreDistinctValidUsNumbersThatLeadBackToTheirContact() {
        SmsSeed seed = seed(7, Map.of("listrak.optOuts", "200000", "listrak.contacts", "1000"));
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < seed.size(); i++) {
            String phone = seed.phone(i);
            assertThat(seen.add(phone)).as("phone %s of contact %s is unique", phone, i).isTrue();
            assertThat(seed.indexOf(phone)).isEqualTo(i);
            if (i % 997 == 0) {
                assertThat(util.isValidNumberForRegion(parse(util, phone), "US")).as(phone).isTrue();
                assertThat(seed.indexOfEmail(seed.email(i))).isEqualTo(i);
                assertThat(seed.indexOfMobileContactUid(seed.mobileContactUid(i))).isEqualTo(i);
            }
        }
        assertThat(seed.indexOf("2125550100")).isEqualTo(-1L);
        assertThat(seed.indexOfEmail("alice.smith.1@example.org")).isEqualTo(-1);
    }

    private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parse(PhoneNumberUtil util, String phone) {
        try {
            return util.parse(phone, "US");
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            throw new AssertionError(phone, e);
        }
    }

    @Test
    void optOutDatesRiseAcrossTheConfiguredRange() {
        SmsSeed seed = seed(1, Map.of("listrak.optOuts", "5000", "listrak.optOutsFrom", "2024-03-01",
                "listrak.optOutsTo", "2024-04-01T00:00:00Z"));
        assertThat(seed.optOutDate(0)).isEqualTo("2024-03-01T00:00:00Z");
        for (long i = 1; i < seed.optOuts(); i++) {
            assertThat(seed.optOutDate(i)).isAfterOrEqualTo(seed.optOutDate(i - 1)).isBefore("2024-04-01T00:00:00Z");
            assertThat(seed.subscribeDate(i)).isBefore(seed.optOutDate(i));
        }
        assertThat(seed.optedOut(4999)).isTrue();
        assertThat(seed.optedOut(5000)).isFalse();
    }

    @Test
    void badOptionsNameTheOptionAndValue() {
        assertThatThrownBy(() -> seed(1, Map.of("listrak.optOutsFrom", "last year")))
                .hasMessageContaining("listrak.optOutsFrom").hasMessageContaining("last year");
        assertThatThrownBy(() -> seed(1, Map.of("listrak.optOutsFrom", "2025-01-01", "listrak.optOutsTo", "2024-01-01")))
                .hasMessageContaining("listrak.optOutsTo");
        assertThatThrownBy(() -> seed(1, Map.of("listrak.optOuts", "-5"))).hasMessageContaining("-5");
    }
}
