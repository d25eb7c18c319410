package dev.computefabric.gateway.web;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.gateway.catalog.KnownFunction;
import dev.computefabric.gateway.catalog.LiveNode;
import dev.computefabric.gateway.catalog.Signatures;
import dev.computefabric.gateway.web.FunctionView.NodeView;
import dev.computefabric.gateway.web.FunctionView.ParamView;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Renders what the catalog knows about a function as the {@link FunctionView} clients see. */
final class FunctionViews {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FunctionViews() {}

    static FunctionView of(KnownFunction function) {
        FunctionSpec spec = function.spec();
        return new FunctionView(
                spec.getName(),
                Signatures.of(spec),
                spec.getDescription(),
                spec.getLanguage(),
                List.copyOf(spec.getCapabilities()),
                spec.getInputs() == null
                        ? null
                        : spec.getInputs().stream().map(FunctionViews::input).toList(),
                spec.getOutputs() == null
                        ? List.of()
                        : spec.getOutputs().stream().map(FunctionViews::output).toList(),
                !function.liveNodes().isEmpty(),
                function.freeSlots(),
                function.liveNodes().stream().map(FunctionViews::node).toList());
    }

    private static ParamView input(FunctionParam p) {
        return new ParamView(
                p.getName(),
                Signatures.typeName(p.getType()),
                p.getType() == ParamType.DATAFRAME ? "tables" : "args",
                !p.getOptional() && p.getDefaultValue() == null,
                defaultOf(p),
                p.getDescription());
    }

    private static ParamView output(FunctionParam p) {
        return new ParamView(p.getName(), Signatures.typeName(p.getType()), null, null, null, p.getDescription());
    }

    private static NodeView node(LiveNode node) {
        return new NodeView(
                node.executorId(),
                node.slots(),
                node.freeSlots(),
                node.lastSeen().toString());
    }

    private static JsonNode defaultOf(FunctionParam p) {
        if (p.getDefaultValue() == null) {
            return null;
        }
        try {
            return JSON.readTree(p.getDefaultValue());
        } catch (JacksonException e) {
            // The node declared a default that is not JSON: show what it said rather than hide it.
            return JsonNodeFactory.instance.stringNode(p.getDefaultValue());
        }
    }
}
