package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablesControllerTest {

    @Test
    void theFormatComesFromTheQueryOrTheContentType() {
        assertThat(TablesController.format(Optional.empty(), "text/csv")).isEqualTo(TableFormat.CSV);
        assertThat(TablesController.format(Optional.of("jsonl"), "application/x-www-form-urlencoded"))
                .isEqualTo(TableFormat.JSONL);
        assertThat(TablesController.format(Optional.of("CSV"), "text/csv")).isEqualTo(TableFormat.CSV);
    }

    @Test
    void anUnknownOrContradictoryFormatSaysWhatToSend() {
        assertThatThrownBy(() -> TablesController.format(Optional.empty(), "application/octet-stream"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("?format=csv");
        assertThatThrownBy(() -> TablesController.format(Optional.of("parquet"), null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("\"csv\" or \"jsonl\"");
        assertThatThrownBy(() -> TablesController.format(Optional.of("jsonl"), "text/csv"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("contradicts");
    }

    @Test
    void theAnnouncedHashMustBeSixtyFourHexDigits() {
        String hex = "AB".repeat(32);
        assertThat(TablesController.announcedSha256(hex)).isEqualTo(hex.toLowerCase());
        assertThat(TablesController.announcedSha256(null)).isNull();
        assertThatThrownBy(() -> TablesController.announcedSha256("abc"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("X-Content-SHA256");
    }

    @Test
    void queryParametersAreReadFromTheRawQueryString() {
        assertThat(QueryParameters.first("a=1&format=js%6Fnl&format=csv", "format"))
                .contains("jsonl");
        assertThat(QueryParameters.first("format", "format")).contains("");
        assertThat(QueryParameters.first(null, "format")).isEmpty();
    }
}
