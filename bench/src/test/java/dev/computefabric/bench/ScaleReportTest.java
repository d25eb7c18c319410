package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleReportTest {

    @Test
    void eachRunIsComparedWithTheFirstAndWithTheExecutorRatio() throws Exception {
        ScaleReport report = new ScaleReport(List.of(1, 2, 4), List.of(run(20), run(39), run(60)));

        assertThat(report.speedUp(1)).isEqualTo(1.95);
        assertThat(report.linearity(1)).isEqualTo(0.975);
        assertThat(report.linearity(2)).isEqualTo(0.75);
        JsonNode line = new ObjectMapper().readTree(report.json());
        assertThat(line.path("scenario").asText()).isEqualTo("scale");
        assertThat(line.path("runs").findValuesAsText("executors")).containsExactly("1", "2", "4");
        assertThat(line.path("runs").get(2).path("speed_up").asDouble()).isEqualTo(3.0);
    }

    @Test
    void theExecutorsOfAScaleRunAreEqualNodesOfFourSlots() {
        assertThat(OwnFabric.scaled(4)).extracting(Node::slots).containsExactly(4, 4, 4, 4);
        assertThat(Node.capacity(OwnFabric.scaled(2))).isEqualTo(8.0);
    }

    @Test
    void everyExecutorCountNeedsItsRun() {
        assertThatThrownBy(() -> new ScaleReport(List.of(1, 2), List.of(run(20))))
                .hasMessageContaining("one run per executor count");
    }

    private static BenchReport run(double callsPerSecond) {
        Latencies.Summary summary = new Latencies.Summary(400, 400 / callsPerSecond, callsPerSecond, 1, 2, 3, 4);
        return new BenchReport(
                "sleep", "http", Figures.of(summary).withEfficiency(0.9), null, Map.of(), Map.of(), Map.of());
    }
}
