package dev.computefabric.gateway.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.TableFormat;
import org.junit.jupiter.api.Test;

class TableFormatsTest {

    @Test
    void mediaTypesNameFormatsWhateverTheirParameters() {
        assertThat(TableFormats.byMediaType("text/csv; charset=utf-8")).contains(TableFormat.CSV);
        assertThat(TableFormats.byMediaType("Application/X-NDJSON")).contains(TableFormat.JSONL);
        assertThat(TableFormats.byMediaType("application/jsonl")).contains(TableFormat.JSONL);
        assertThat(TableFormats.byMediaType("application/octet-stream")).isEmpty();
        assertThat(TableFormats.byMediaType(null)).isEmpty();
    }

    @Test
    void fileNameExtensionsNameFormats() {
        assertThat(TableFormats.byFileName("sales.2026.CSV")).contains(TableFormat.CSV);
        assertThat(TableFormats.byFileName("events.ndjson")).contains(TableFormat.JSONL);
        assertThat(TableFormats.byFileName("events.jsonl")).contains(TableFormat.JSONL);
        assertThat(TableFormats.byFileName("README")).isEmpty();
    }

    @Test
    void namesAreTheLowerCaseEnumNames() {
        assertThat(TableFormats.byName(" JSONL ")).contains(TableFormat.JSONL);
        assertThat(TableFormats.byName("tsv")).isEmpty();
        assertThat(TableFormats.mediaType(TableFormat.CSV)).isEqualTo("text/csv");
        assertThat(TableFormats.known()).isEqualTo("\"csv\" or \"jsonl\"");
    }
}
