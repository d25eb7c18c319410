package dev.computefabric.executor.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.schemas.Capset;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeDescriptionTest {

    @Test
    void thePresenceRecordCarriesCapabilitiesFunctionsAndHowManySlotsAreBusy() {
        NodeDescription node = new NodeDescription("node-1", "host-a", "0.1.0", Capset.of("python", "gpu"), 4);

        ExecutorStatus status = node.status(3, List.of("echo", "sleep"), Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(status.getExecutorId()).isEqualTo("node-1");
        assertThat(status.getHost()).isEqualTo("host-a");
        assertThat(status.getCapabilities()).containsExactly("gpu", "python");
        assertThat(status.getFunctions()).containsExactly("echo", "sleep");
        assertThat(status.getSlots()).isEqualTo(4);
        assertThat(status.getBusy()).isEqualTo(3);
        assertThat(status.getUpdatedAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }
}
