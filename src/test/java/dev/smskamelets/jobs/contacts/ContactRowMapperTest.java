package dev.smskamelets.jobs.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.csv.CsvRows;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 10,000-row file with 1% bad rows: exactly the bad ones are refused, each with row, column, value and reason. */
class ContactRowMapperTest {

    static final String HEADER = "Mobile,E-mail,First,Last,DOB,ZIP,Favorite Store\n";

    @Test
    void mapsValidRowsAndRefusesExactlyTheBadOnesWithTheirReason() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String phone = "321555" + String.format("%04d", i);
            String email = "c" + i + "@example.com";
            String dob = "1990-01-01";
            if (i % 100 == 7) {
                bad.add(i + 2); // line number: header is line 1
                switch ((i / 100) % 4) {
                    case 0 -> phone = "555-12";
                    case 1 -> email = "not-an-address";
                    case 2 -> dob = "31/12/1990";
                    default -> phone = "";
                }
            }
            csv.append(phone).append(',').append(email).append(",Ann,Lee,").append(dob).append(",32801,Orlando\n");
        }
        ContactRowMapper mapper = new ContactRowMapper();
        mapper.setMapping("phone=Mobile,email=E-mail,firstName=First,lastName=Last,birthday=DOB,postalCode=ZIP,"
                + "listrak.profile.301=Favorite Store");
        List<Map<String, Object>> contacts = new ArrayList<>();
        List<ContactRowMapper.RejectedRowException> rejects = new ArrayList<>();
        Iterator<Map<String, String>> rows = new CsvRows().read(csv.toString());
        while (rows.hasNext()) {
            try {
                contacts.add(mapper.map(rows.next()));
            } catch (ContactRowMapper.RejectedRowException e) {
                rejects.add(e);
            }
        }
        assertThat(contacts).hasSize(9_900);
        assertThat(rejects).extracting(e -> Integer.parseInt(e.row())).containsExactlyElementsOf(bad);
        assertThat(contacts.get(0)).containsEntry("row", "2").containsEntry("phone", "+13215550000")
                .containsEntry("email", "c0@example.com").containsEntry("birthday", "1990-01-01")
                .containsEntry("postalCode", "32801").containsEntry("listrak.profile.301", "Orlando");
        assertThat(rejects.get(0)).satisfies(e -> {
            assertThat(e.field()).isEqualTo("Mobile");
            assertThat(e.value()).isEqualTo("555-12");
            assertThat(e.reason()).isEqualTo("not a valid phone number (row 9)");
        });
        assertThat(rejects.get(1).field()).isEqualTo("E-mail");
        assertThat(rejects.get(2).getMessage()).contains("DOB", "not a date (YYYY-MM-DD)", "31/12/1990");
        assertThat(rejects.get(3).getMessage()).contains("Mobile", "a phone number is required");
    }

    @Test
    void aMappingWithoutAPhoneColumnOrABadPairIsRefusedUpFront() {
        ContactRowMapper mapper = new ContactRowMapper();
        assertThatThrownBy(() -> mapper.setMapping("phone=Mobile,email")).hasMessageContaining("mapping")
                .hasMessageContaining("'email'");
        mapper.setMapping("email=E-mail");
        assertThatThrownBy(() -> mapper.map(Map.of("E-mail", "a@b.co"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no phone column");
    }
}
