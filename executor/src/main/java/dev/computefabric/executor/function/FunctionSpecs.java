package dev.computefabric.executor.function;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link FunctionSpec} a function announces in the node's catalog:
 * {@code FunctionSpecs.of("sleep").description("waits").input(FunctionSpecs.param("ms", ParamType.INT)).build()}.
 * A spec without inputs declares no signature: the function takes any arguments.
 */
public final class FunctionSpecs {

    /** {@link FunctionSpec#getLanguage()} of functions written in Java. */
    public static final String JAVA = "java";

    private final String name;
    private String description;
    private String language = JAVA;
    private final List<String> capabilities = new ArrayList<>();
    private List<FunctionParam> inputs;
    private List<FunctionParam> outputs;

    private FunctionSpecs(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a function spec needs a name");
        }
        this.name = name;
    }

    public static FunctionSpecs of(String name) {
        return new FunctionSpecs(name);
    }

    /** A Java function that declares no signature: any arguments. */
    public static FunctionSpec anyArgs(String name) {
        return of(name).build();
    }

    /** A required input or an output of {@code type}. */
    public static FunctionParam param(String name, ParamType type) {
        return FunctionParam.newBuilder().setName(name).setType(type).build();
    }

    /** An input with a default, given as JSON text ({@code "\"amount\""}, {@code "10"}): it may be left out. */
    public static FunctionParam param(String name, ParamType type, String defaultJson) {
        return FunctionParam.newBuilder()
                .setName(name)
                .setType(type)
                .setDefaultValue(defaultJson)
                .build();
    }

    /** An input that may be left out, without a default. */
    public static FunctionParam optional(String name, ParamType type) {
        return FunctionParam.newBuilder()
                .setName(name)
                .setType(type)
                .setOptional(true)
                .build();
    }

    public FunctionSpecs description(String description) {
        this.description = description;
        return this;
    }

    public FunctionSpecs language(String language) {
        this.language = language;
        return this;
    }

    /** Capability tags a node needs to run it; a call naming no requirements goes to this capability set. */
    public FunctionSpecs capabilities(List<String> capabilities) {
        this.capabilities.addAll(capabilities);
        return this;
    }

    /** Declares a signature (if none yet) and adds an input to it. */
    public FunctionSpecs input(FunctionParam input) {
        if (inputs == null) {
            inputs = new ArrayList<>();
        }
        inputs.add(input);
        return this;
    }

    /** Declares a signature that takes no arguments at all. */
    public FunctionSpecs noInputs() {
        if (inputs == null) {
            inputs = new ArrayList<>();
        }
        return this;
    }

    public FunctionSpecs output(FunctionParam output) {
        if (outputs == null) {
            outputs = new ArrayList<>();
        }
        outputs.add(output);
        return this;
    }

    public FunctionSpec build() {
        return FunctionSpec.newBuilder()
                .setName(name)
                .setDescription(description)
                .setLanguage(language)
                .setCapabilities(List.copyOf(capabilities))
                .setInputs(inputs == null ? null : List.copyOf(inputs))
                .setOutputs(outputs == null ? null : List.copyOf(outputs))
                .build();
    }
}
