package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestMeterTest {

    @Test
    void countsOnlyTheRequestsOfItsOwnSpansPerCall() {
        AtomicReference<Map<String, Long>> broker = new AtomicReference<>(Map.of("ShareFetch", 100L));
        RequestMeter meter = new RequestMeter(broker::get);

        meter.start();
        broker.set(Map.of("ShareFetch", 400L, "WriteShareGroupState", 100L));
        meter.stop();
        // Between spans: the other side's block, not counted.
        broker.set(Map.of("ShareFetch", 900L, "WriteShareGroupState", 150L, "Fetch", 500L));
        meter.start();
        broker.set(Map.of("ShareFetch", 1_200L, "WriteShareGroupState", 250L, "Fetch", 500L));
        meter.stop();

        assertThat(meter.per(600))
                .as("a type no span saw grow is left out")
                .containsExactly(Map.entry("ShareFetch", 1.0), Map.entry("WriteShareGroupState", 0.333));
    }

    @Test
    void aBrokerItCannotAttachToMeasuresNothing() {
        try (RequestMeter.Broker none = RequestMeter.Broker.attach(null)) {
            RequestMeter meter = new RequestMeter(none::read);
            meter.start();
            meter.stop();

            assertThat(meter.per(1_000)).isEmpty();
        }
    }
}
