package dev.smskamelets.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    @Test
    void readsRowsLazilyWithTheirLineNumbers(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, "Mobile,First Name,Email\n3215550100,Ann,ann@example.com\n\"(321) 555-0101\",\"Bo, Jr.\",\n");
        List<Map<String, String>> rows = new ArrayList<>();
        new CsvRows().read(csv).forEachRemaining(rows::add);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("Mobile", "3215550100").containsEntry("First Name", "Ann")
                .containsEntry(CsvRows.ROW, "2");
        assertThat(rows.get(1)).containsEntry("Mobile", "(321) 555-0101").containsEntry("First Name", "Bo, Jr.")
                .containsEntry("Email", "").containsEntry(CsvRows.ROW, "3");
    }

    @Test
    void aSemicolonFileAndAnUnsupportedInput() throws Exception {
        CsvRows rows = new CsvRows();
        rows.setDelimiter(';');
        Iterator<Map<String, String>> it = rows.read("a;b\n1;2\n");
        assertThat(it.next()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(() -> rows.read(42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void aBomCrlfQuotedLineBreaksAndRaggedRowsGiveRecordNumberPhysicalLineAndAReason() throws Exception {
        String csv = "\uFEFFMobile,Name,Email\r\n"
                + "3215550100,\"Lee, \"\"Jr.\"\"\",a@example.com\r\n"      // record 2, line 2
                + "3215550101,\"two\r\nlines\",b@example.com\r\n"           // record 3, lines 3-4
                + "3215550102,Cy,c@example.com,surplus\r\n"                // record 4, line 5: too many
                + "3215550103,Di\r\n"                                      // record 5, line 6: too few
                + "3215550104,Ed,e@example.com\r\n";                       // record 6, line 7
        CsvRows.Rows it = new CsvRows().read(new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(it.header()).containsExactly("Mobile", "Name", "Email");
        List<Map<String, String>> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).containsEntry("Mobile", "3215550100").containsEntry("Name", "Lee, \"Jr.\"")
                .containsEntry(CsvRows.ROW, "2").containsEntry(CsvRows.LINE, "2").doesNotContainKey(CsvRows.ERROR);
        assertThat(rows.get(1)).containsEntry("Name", "two\r\nlines").containsEntry(CsvRows.ROW, "3")
                .containsEntry(CsvRows.LINE, "3");
        assertThat(rows.get(2)).containsEntry(CsvRows.ROW, "4").containsEntry(CsvRows.LINE, "5")
                .containsEntry(CsvRows.ERROR, "the row has 4 fields, the header has 3");
        assertThat(rows.get(3)).containsEntry(CsvRows.ROW, "5").containsEntry(CsvRows.LINE, "6")
                .containsEntry(CsvRows.ERROR, "the row has 2 fields, the header has 3");
        assertThat(rows.get(4)).containsEntry("Email", "e@example.com").containsEntry(CsvRows.ROW, "6")
                .containsEntry(CsvRows.LINE, "7").doesNotContainKey(CsvRows.ERROR);
    }
}
