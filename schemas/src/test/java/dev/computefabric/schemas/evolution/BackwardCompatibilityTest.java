package dev.computefabric.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check itself, on a scratch copy of a schema tree: it passes what is safe and rejects what is not. */
class BackwardCompatibilityTest {

    private static final String TABLE = """
            {"type":"record","name":"Table","namespace":"t","fields":[{"name":"content","type":"string"}]}""";
    private static final String CALL_V1 = """
            {"type":"record","name":"Call","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"tables","type":{"type":"map","values":"t.Table"},"default":{}}]}""";

    @TempDir
    Path root;

    @Test
    void an_unchanged_schema_passes() throws IOException {
        assertThat(violationsWith(CALL_V1)).isEmpty();
    }

    @Test
    void a_new_optional_field_with_a_default_passes() throws IOException {
        assertThat(
                        violationsWith(
                                CALL_V1.replace(
                                        "{\"name\":\"id\",\"type\":\"string\"},",
                                        "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},")))
                .isEmpty();
    }

    @Test
    void a_new_field_without_a_default_is_rejected_naming_schema_version_and_field() throws IOException {
        assertThat(violationsWith(CALL_V1.replace(
                        "{\"name\":\"id\",\"type\":\"string\"},",
                        "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"owner\",\"type\":\"string\"},")))
                .singleElement()
                .asString()
                .contains("Call", "v1.avsc", "owner");
    }

    @Test
    void a_changed_field_type_is_rejected() throws IOException {
        assertThat(violationsWith(
                        CALL_V1.replace("\"name\":\"id\",\"type\":\"string\"", "\"name\":\"id\",\"type\":\"long\"")))
                .singleElement()
                .asString()
                .contains("Call", "v1.avsc", "STRING");
    }

    @Test
    void a_released_schema_that_disappeared_is_rejected() throws IOException {
        write("released/Gone/v1.avsc", "{\"type\":\"record\",\"name\":\"Gone\",\"namespace\":\"t\",\"fields\":[]}");
        assertThat(violationsWith(CALL_V1)).singleElement().asString().contains("Gone", "no longer");
    }

    @Test
    void every_released_version_is_checked_not_only_the_latest() throws IOException {
        String v2 = CALL_V1.replace("{\"name\":\"id\",\"type\":\"string\"},", "");
        write("released/Call/v2.avsc", v2);
        // v1 itself is fine against v1, but v2's data has no id and v1 gives it no default.
        assertThat(violationsWith(CALL_V1)).singleElement().asString().contains("v2.avsc", "id");
    }

    private java.util.List<String> violationsWith(String currentCall) throws IOException {
        write("released/Table/v1.avsc", TABLE);
        write("released/Call/v1.avsc", CALL_V1);
        write("main/Table.avsc", TABLE);
        write("main/Call.avsc", currentCall);
        return BackwardCompatibility.violations(root.resolve("main"), root.resolve("released"));
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
