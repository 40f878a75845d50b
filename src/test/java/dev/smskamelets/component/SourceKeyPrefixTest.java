package dev.smskamelets.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The prefix of a polling source's idempotent keys ({@link VendorPollConsumer#keyPrefix}): unchanged without
 * {@code jobName}/{@code sourceKey} (no key of an existing source moves), scoped by each of them, and never the same
 * for two different (job, source key) pairs, so two sources never claim each other's records nor, in cluster mode,
 * release each other's pending keys (a prefix is also never a prefix of another's: {@code removePending} deletes by
 * {@code LIKE prefix%}).
 */
class SourceKeyPrefixTest {

    static final String FEED = "listrak-sms-optout:client-1:1234:";
    static final String JOB = "listrak-sms-optout";

    @Test
    void withoutJobNameOrSourceKeyTheKeysStayAsTheyWere() {
        assertThat(VendorPollConsumer.keyPrefix(FEED, JOB, null, null)).isEqualTo(FEED);
        assertThat(VendorPollConsumer.keyPrefix(FEED, JOB, JOB, null)).as("the feed's own job named").isEqualTo(FEED);
    }

    @Test
    void jobNameAndSourceKeyEachScopeTheKeys() {
        assertThat(VendorPollConsumer.keyPrefix(FEED, JOB, "optout-propagation", null))
                .isEqualTo("optout-propagation||" + FEED);
        assertThat(VendorPollConsumer.keyPrefix(FEED, JOB, null, "eu")).isEqualTo(JOB + "|eu|" + FEED);
        assertThat(VendorPollConsumer.keyPrefix(FEED, JOB, "crm", "eu")).isEqualTo("crm|eu|" + FEED);
        assertThat(VendorPollConsumer.keyPrefix(FEED, JOB, JOB, "eu")).as("the feed's own job named")
                .isEqualTo(VendorPollConsumer.keyPrefix(FEED, JOB, null, "eu"));
    }

    @Test
    void differentJobAndSourceKeyPairsNeverShareOrNestPrefixes() {
        List<String[]> pairs = List.of(new String[] {null, null}, new String[] {"X", null}, new String[] {null, "X"},
                new String[] {"a:b", null}, new String[] {"a", "b"}, new String[] {"a", "b:"}, new String[] {"a:", "b"},
                new String[] {"X", "X"}, new String[] {"", null}, new String[] {null, ""});
        Set<String> prefixes = new HashSet<>();
        for (String[] pair : pairs) {
            prefixes.add(VendorPollConsumer.keyPrefix(FEED, JOB, pair[0], pair[1]));
        }
        assertThat(prefixes).as("one prefix per (jobName, sourceKey)").hasSize(pairs.size());
        for (String a : prefixes) {
            for (String b : prefixes) {
                if (!a.equals(b)) {
                    assertThat(b.startsWith(a)).as("'%s' is a prefix of '%s'", a, b).isFalse();
                }
            }
        }
    }

    @Test
    void aSeparatorInJobNameOrSourceKeyIsRefusedByName() {
        assertThatThrownBy(() -> VendorPollConsumer.keyPrefix(FEED, JOB, "a|b", null))
                .hasMessageContaining("jobName").hasMessageContaining("'a|b'");
        assertThatThrownBy(() -> VendorPollConsumer.keyPrefix(FEED, JOB, null, "|"))
                .hasMessageContaining("sourceKey").hasMessageContaining("'|'");
    }
}
