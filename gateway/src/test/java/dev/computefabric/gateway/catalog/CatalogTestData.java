package dev.computefabric.gateway.catalog;

import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Functions, catalogs and presence records as nodes publish them, for the gateway's tests. */
public final class CatalogTestData {

    private CatalogTestData() {}

    /** The example script: {@code summarize(sales: dataframe, column: string = "amount") -> ...}. */
    public static FunctionSpec summarize() {
        return function("summarize")
                .language("python")
                .capabilities("python")
                .input(param("sales", ParamType.DATAFRAME))
                .input(param("column", ParamType.STRING).defaultValue("\"amount\""))
                .output(param("summary", ParamType.DATAFRAME))
                .output(param("total", ParamType.DOUBLE))
                .build();
    }

    public static Spec function(String name) {
        return new Spec(name);
    }

    public static Param param(String name, ParamType type) {
        return new Param(name, type);
    }

    public static FunctionCatalog catalog(
            String executorId, Instant at, List<String> capabilities, FunctionSpec... functions) {
        return FunctionCatalog.newBuilder()
                .setExecutorId(executorId)
                .setCapabilities(capabilities)
                .setFunctions(List.of(functions))
                .setUpdatedAt(at)
                .build();
    }

    public static ExecutorStatus presence(String executorId, Instant at, int slots, int busy) {
        return ExecutorStatus.newBuilder()
                .setExecutorId(executorId)
                .setHost("localhost")
                .setVersion("test")
                .setCapabilities(List.of())
                .setFunctions(List.of())
                .setSlots(slots)
                .setBusy(busy)
                .setUpdatedAt(at)
                .build();
    }

    /** A {@link FunctionSpec} builder that reads like a signature. */
    public static final class Spec {
        private final FunctionSpec.Builder builder = FunctionSpec.newBuilder();
        private List<FunctionParam> inputs;
        private final List<FunctionParam> outputs = new ArrayList<>();

        private Spec(String name) {
            builder.setName(name).setCapabilities(List.of());
        }

        public Spec language(String language) {
            builder.setLanguage(language);
            return this;
        }

        public Spec description(String description) {
            builder.setDescription(description);
            return this;
        }

        public Spec capabilities(String... tags) {
            builder.setCapabilities(List.of(tags));
            return this;
        }

        /** Declares a signature with no inputs (unlike a spec without any, which takes any arguments). */
        public Spec noInputs() {
            inputs = new ArrayList<>();
            return this;
        }

        public Spec input(Param param) {
            if (inputs == null) {
                inputs = new ArrayList<>();
            }
            inputs.add(param.build());
            return this;
        }

        public Spec output(Param param) {
            outputs.add(param.build());
            return this;
        }

        public FunctionSpec build() {
            return builder.setInputs(inputs)
                    .setOutputs(outputs.isEmpty() ? null : outputs)
                    .build();
        }
    }

    /** A {@link FunctionParam} builder. */
    public static final class Param {
        private final FunctionParam.Builder builder = FunctionParam.newBuilder();

        private Param(String name, ParamType type) {
            builder.setName(name).setType(type);
        }

        /** The default as JSON text, e.g. {@code "\"amount\""} or {@code "3"}. */
        public Param defaultValue(String json) {
            builder.setDefaultValue(json);
            return this;
        }

        public Param optional() {
            builder.setOptional(true);
            return this;
        }

        FunctionParam build() {
            return builder.build();
        }
    }
}
