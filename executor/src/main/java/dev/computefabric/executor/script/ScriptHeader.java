package dev.computefabric.executor.script;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.FunctionSpecs;
import java.util.ArrayList;
import java.util.List;

/**
 * What a script's header declares: its function's name, language, description, inputs and outputs, the
 * capabilities it needs beyond its language, and for containers the image.
 */
public record ScriptHeader(
        String name,
        ScriptLanguage language,
        String description,
        List<FunctionParam> inputs,
        List<FunctionParam> outputs,
        List<String> capabilities,
        String image) {

    public ScriptHeader {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        capabilities = List.copyOf(capabilities);
    }

    /** The catalog entry: the language's tag is among the capabilities, so calls go where its interpreter is. */
    public FunctionSpec spec() {
        List<String> needs = new ArrayList<>();
        needs.add(language.tag());
        capabilities.stream().filter(tag -> !needs.contains(tag)).forEach(needs::add);
        FunctionSpecs spec = FunctionSpecs.of(name)
                .description(description)
                .language(language.tag())
                .capabilities(needs)
                .noInputs();
        inputs.forEach(spec::input);
        outputs.forEach(spec::output);
        return spec.build();
    }

    List<FunctionParam> inputsOf(boolean dataframes) {
        return inputs.stream()
                .filter(p -> (p.getType() == ParamType.DATAFRAME) == dataframes)
                .toList();
    }

    List<FunctionParam> outputsOf(boolean dataframes) {
        return outputs.stream()
                .filter(p -> (p.getType() == ParamType.DATAFRAME) == dataframes)
                .toList();
    }
}
