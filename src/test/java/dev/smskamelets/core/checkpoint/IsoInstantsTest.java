package dev.smskamelets.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsEveryValidUtcSecondAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            String text = String.format("%04d", LocalDate.ofEpochDay(Math.floorDiv(second, 86_400L)).getYear())
                    + Instant.ofEpochSecond(second).toString().replaceFirst("^[+-]?\\d+", "");
            assertThat(IsoInstants.utcSeconds(text)).as(text).isEqualTo(Instant.ofEpochSecond(second));
        }
        for (String day : new String[] {"1970-01-01", "2000-02-29", "2024-02-29", "1900-02-28", "2025-12-31", "0000-01-01"}) {
            for (String time : new String[] {"00:00:00", "23:59:59", "12:34:56"}) {
                String text = day + "T" + time + "Z";
                assertThat(IsoInstants.utcSeconds(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
    }

    @Test
    void refusesAnImpossibleDateOrTime() {
        for (String text : new String[] {"1900-02-29T00:00:00Z", "2025-02-29T00:00:00Z", "2024-02-30T00:00:00Z",
                "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-01-00T00:00:00Z",
                "2025-01-01T23:60:00Z", "2025-01-01T23:59:5xZ"}) {
            assertThat(IsoInstants.utcSeconds(text)).as(text).isNull();
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void leavesAnyOtherShapeToTheGeneralParser() {
        for (String text : new String[] {"2025-01-01T23:59:59", "2025-01-01T23:59:59+00:00", "2025-01-01T23:59:59.5Z",
                "2025-01-01 23:59:59Z", "12025-01-01T23:59:5Z", "",
                "2016-12-31T23:59:60Z", "2025-01-01T24:00:00Z"}) { // Instant.parse reads :60 as :59, 24:00 as the next day
            assertThat(IsoInstants.utcSeconds(text)).as(text).isNull();
        }
    }
}
