package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every key set in the root application.properties is commented there and listed in docs/configuration.md. */
class ConfigurationReferenceTest {

    @Test
    void everyKeyIsCommentedAndDocumentedInTheConfigurationReference() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("application.properties"));
        String readme = Files.readString(Path.of("docs/configuration.md"));
        List<String> undocumented = new ArrayList<>();
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).trim();
            String shortKey = key.substring(key.lastIndexOf('.') + 1);
            boolean inReadme = readme.contains("`" + key + "`") || readme.contains("`…." + shortKey + "`");
            if (!inReadme) {
                undocumented.add(key);
            }
            if (!commentAbove(lines, i)) {
                uncommented.add(key);
            }
        }
        assertThat(undocumented).as("keys missing from the configuration reference (docs/configuration.md)").isEmpty();
        assertThat(uncommented).as("keys without a comment above them (or above their group)").isEmpty();
    }

    /** A key counts as commented when a comment line precedes it, directly or above a run of keys without blanks. */
    private static boolean commentAbove(List<String> lines, int index) {
        for (int j = index - 1; j >= 0; j--) {
            String previous = lines.get(j).trim();
            if (previous.isEmpty()) {
                return false;
            }
            if (previous.startsWith("#")) {
                return true;
            }
        }
        return false;
    }
}
