package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTableTest {

    @Test
    void knowsItsOwnStatisticsInClosedForm() {
        DemoTable table = new DemoTable(3); // values 0, 37, 74
        Map<String, Object> description = table.expectedDescription();

        assertThat(table.csv()).isEqualTo("id,value,label\n1,0,row0\n2,37,row1\n3,74,row2\n");
        assertThat(description).containsEntry("rows", 3L);
        assertThat(description.get("columns").toString())
                .contains("id={count=3, min=1.0, max=3.0, mean=2.0}")
                .contains("value={count=3, min=0.0, max=74.0, mean=37.0}")
                .contains("label={count=3, min=null, max=null, mean=null}");
    }

    @Test
    void jsonMatchComparesNumbersByValue() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(JsonMatch.matches(Map.of("n", 1.0), json.readTree("{\"n\": 1}")))
                .isTrue();
        assertThat(JsonMatch.matches(Map.of("n", 1.0), json.readTree("{\"n\": 1.5}")))
                .isFalse();
        assertThat(JsonMatch.matches(Map.of("n", 1.0), json.readTree("{\"n\": 1, \"extra\": 2}")))
                .isFalse();
    }
}
