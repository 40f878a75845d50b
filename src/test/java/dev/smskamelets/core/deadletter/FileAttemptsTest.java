package dev.smskamelets.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** {@link FileAttempts}: which failures of an inbox file are retried on the next poll and when it gives up. */
class FileAttemptsTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    private Exchange failed(String file, Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_PATH, file);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }

    @Test
    void anUnreadableFileIsGivenUpAfterMaxAttemptsWhichTheDeadLetterCounts() {
        FileAttempts attempts = new FileAttempts();
        Exception unreadable = new UnreadableRecordException("file", "not JSON", null);
        Exchange first = failed("inbox/a.json", unreadable);
        assertThat(attempts.giveUp(first)).isFalse();
        assertThat(attempts.giveUp(first)).as("asked twice for one failure, counted once").isFalse();
        assertThat(attempts.failures("inbox/a.json")).isEqualTo(1);
        assertThat(attempts.giveUp(failed("inbox/b.json", unreadable))).as("counted per file").isFalse();
        assertThat(attempts.giveUp(failed("inbox/a.json", unreadable))).isFalse();
        Exchange third = failed("inbox/a.json", unreadable);
        assertThat(attempts.giveUp(third)).isTrue();
        assertThat(DeadLetterRecords.from(third, null, "job").attempts()).isEqualTo(3);
        assertThat(attempts.failures("inbox/a.json")).isZero();
        assertThat(attempts.failures("inbox/b.json")).isEqualTo(1);
    }

    @Test
    void anInboxTableEntryClaimedOnOtherNodesBringsItsClaims() {
        FileAttempts attempts = new FileAttempts();
        Exception unreadable = new UnreadableRecordException("file", "not JSON", null);
        Exchange second = failed("optout/7", unreadable);
        second.setProperty(FileAttempts.CLAIMS_PROPERTY, 2);
        assertThat(attempts.giveUp(second)).as("claimed twice so far, on any node").isFalse();
        Exchange third = failed("optout/7", unreadable);
        third.setProperty(FileAttempts.CLAIMS_PROPERTY, 3);
        assertThat(attempts.giveUp(third)).as("the third claim, though this node saw two").isTrue();
        assertThat(DeadLetterRecords.from(third, null, "job").attempts()).isEqualTo(3);
    }

    @Test
    void badInputIsGivenUpAtOnceAndAVendorOutageNever() {
        FileAttempts attempts = new FileAttempts();
        assertThat(attempts.giveUp(failed("inbox/c.json", new IllegalArgumentException("phone")))).isTrue();
        VendorFailure outage = new VendorFailure("503", 503, null) {
            @Override
            public boolean retryable() {
                return true;
            }
        };
        for (int i = 0; i < 10; i++) {
            assertThat(attempts.giveUp(failed("inbox/d.json", outage))).isFalse();
        }
        assertThat(attempts.failures("inbox/d.json")).isZero();
    }
}
