package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopTraceTest {

    @Test
    void segmentsRunFromTheClientThroughEachTopicBackToTheClient() {
        // Stamps count as the middle of their millisecond: 101 is 101.5.
        Map<String, double[]> client = Map.of("a", new double[] {100.5, 110.5}, "b", new double[] {200.5, 214.5});
        List<Map<String, Long>> stamps = List.of(Map.of("a", 101L, "b", 201L), Map.of("a", 105L, "b", 209L));

        List<HopTrace.Segment> segments = HopTrace.segments(client, stamps, List.of("in", "middle", "out"));

        assertThat(segments).extracting(HopTrace.Segment::name).containsExactly("in", "middle", "out");
        assertThat(segments).extracting(HopTrace.Segment::meanMs).containsExactly(1.0, 6.0, 5.0);
    }

    @Test
    void theSlowestRoundTripsShowWhereTheTailGoes() {
        Map<String, double[]> client = Map.of("fast", new double[] {100.5, 102.5}, "slow", new double[] {200.5, 230.5});
        List<Map<String, Long>> stamps = List.of(Map.of("fast", 101L, "slow", 225L));

        List<HopTrace.Segment> segments = HopTrace.segments(client, stamps, List.of("in", "out"));

        assertThat(segments).extracting(HopTrace.Segment::tailMeanMs).containsExactly(25.0, 5.0);
        assertThat(HopTrace.means(segments))
                .containsEntry("in", 13.0)
                .containsEntry("in_slowest", 25.0)
                .containsEntry("out_slowest", 5.0);
    }

    @Test
    void aRoundTripMissingFromATopicIsLeftOut() {
        Map<String, double[]> client = Map.of("a", new double[] {100.5, 110.5}, "lost", new double[] {0.0, 999.0});
        List<Map<String, Long>> stamps = List.of(Map.of("a", 104L));

        List<HopTrace.Segment> segments = HopTrace.segments(client, stamps, List.of("in", "out"));

        assertThat(segments).extracting(HopTrace.Segment::meanMs).containsExactly(4.0, 6.0);
    }
}
