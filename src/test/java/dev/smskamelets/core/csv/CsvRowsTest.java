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
}
