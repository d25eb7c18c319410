package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.gateway.console.ExecutorDirectory;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/executors}: the compute nodes alive now, from {@code fabric.executors}. */
@RestController
public class ExecutorsController {

    public static final String PATH = "/v1/executors";

    private final ExecutorDirectory directory;

    public ExecutorsController(ExecutorDirectory directory) {
        this.directory = directory;
    }

    /**
     * One node. {@code load} is the share of its slots in use (busy / slots); {@code lastSeen} its latest presence.
     */
    @JsonPropertyOrder({
        "executorId",
        "host",
        "version",
        "capabilities",
        "functions",
        "slots",
        "busy",
        "free",
        "load",
        "lastSeen"
    })
    public record ExecutorView(
            String executorId,
            String host,
            String version,
            List<String> capabilities,
            List<String> functions,
            int slots,
            int busy,
            int free,
            double load,
            String lastSeen) {

        static ExecutorView of(ExecutorStatus status) {
            int slots = status.getSlots();
            int busy = Math.min(status.getBusy(), slots);
            return new ExecutorView(
                    status.getExecutorId(),
                    status.getHost(),
                    status.getVersion(),
                    List.copyOf(status.getCapabilities()),
                    List.copyOf(status.getFunctions()),
                    slots,
                    busy,
                    slots - busy,
                    slots == 0 ? 0 : (double) busy / slots,
                    status.getUpdatedAt().toString());
        }
    }

    /** The nodes. */
    public record ExecutorsView(List<ExecutorView> executors) {}

    @GetMapping(PATH)
    public ExecutorsView executors() {
        return new ExecutorsView(directory.live().stream().map(ExecutorView::of).toList());
    }
}
