package dev.computefabric.gateway.catalog;

import dev.computefabric.avro.FunctionSpec;
import java.util.List;
import java.util.Objects;

/**
 * A function some node has offered, as the catalog knows it now.
 *
 * @param spec      its signature and declared capabilities, as the freshest offering node describes it
 * @param liveNodes the nodes that offer it and whose presence is fresh; empty when all of them are down
 */
public record KnownFunction(FunctionSpec spec, List<LiveNode> liveNodes) {

    public KnownFunction {
        Objects.requireNonNull(spec, "spec");
        liveNodes = List.copyOf(liveNodes);
    }

    public String name() {
        return spec.getName();
    }

    /** Whether the function declares a signature; without one it takes any arguments and tables. */
    public boolean hasSignature() {
        return spec.getInputs() != null;
    }

    /** Free slots on every live node that offers it. */
    public int freeSlots() {
        return liveNodes.stream().mapToInt(LiveNode::freeSlots).sum();
    }
}
