package dev.computefabric.executor.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void splitsRecordsOnCommasAndLineBreaks() throws IOException {
        assertThat(records("a,b\n1,2\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void keepsCommasQuotesAndLineBreaksInsideQuotedFields() throws IOException {
        assertThat(records("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\n"))
                .containsExactly(List.of("a,b", "say \"hi\"", "x\ny"));
    }

    @Test
    void readsEmptyFieldsAtTheStartMiddleAndEnd() throws IOException {
        assertThat(records(",a,,\n")).containsExactly(List.of("", "a", "", ""));
    }

    @Test
    void acceptsCrlfAndAMissingFinalLineBreak() throws IOException {
        assertThat(records("a\r\nb\r\nc")).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    }

    @Test
    void readsAnEmptyQuotedFieldAsEmpty() throws IOException {
        assertThat(records("\"\",x\n")).containsExactly(List.of("", "x"));
    }

    @Test
    void reportsTheLineWhereEachRecordStarted() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("a\n\"b\nc\"\nd\n"));
        reader.next();
        reader.next();
        assertThat(reader.recordLine()).isEqualTo(2);
        reader.next();
        assertThat(reader.recordLine()).isEqualTo(4);
    }

    @Test
    void rejectsAQuotedFieldThatIsNeverClosed() {
        assertThatThrownBy(() -> records("a\n\"open,\n"))
                .isInstanceOf(MalformedTableException.class)
                .hasMessage("the quoted field opened on line 2 is never closed");
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertThatThrownBy(() -> records("\"a\"b\n"))
                .isInstanceOf(MalformedTableException.class)
                .hasMessageStartingWith("line 1: 'b' after a closing quote");
    }

    @Test
    void readsRecordsLongerThanItsBuffer() throws IOException {
        String big = "x".repeat(20_000);
        assertThat(records(big + "," + big + "\n")).containsExactly(List.of(big, big));
    }

    private static List<List<String>> records(String csv) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(csv));
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }
}
