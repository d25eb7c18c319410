package dev.computefabric.executor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.testing.JavaJars;
import dev.computefabric.testing.TestCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionJarsTest {

    static final String GREETER = """
            package com.example;

            import dev.computefabric.executor.function.CallContext;
            import dev.computefabric.executor.function.FabricFunction;
            import java.util.Map;

            public class Greeter implements FabricFunction {
                public String name() { return "example.greet"; }
                public Object run(CallContext context) {
                    return Map.of("greeting", "hello " + context.args().optionalString("who", "{}").orElse("you"));
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aJarsListedFunctionsAreLoadedInAClassLoaderOfTheirOwnAndRun() throws Exception {
        Path jar = greeterJar(dir.resolve("greeter.jar"));

        try (FunctionJars jars = FunctionJars.load(jar)) {
            FabricFunction greet = jars.functions().get(0);

            assertThat(jars.functions()).extracting(FabricFunction::name).containsExactly("example.greet");
            assertThat(greet.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            assertThat(greet.run(context("{\"who\": \"fabric\"}"))).isEqualTo(Map.of("greeting", "hello fabric"));
        }
    }

    @Test
    void aFolderServesEveryJarInIt() {
        greeterJar(dir.resolve("a.jar"));

        try (FunctionJars jars = FunctionJars.load(dir)) {
            assertThat(jars.functions()).hasSize(1);
        }
    }

    @Test
    void aJarThatListsNoFunctionOrAFolderWithoutJarsIsRefusedSayingWhatToAdd() throws Exception {
        Path empty = JavaJars.build(dir.resolve("empty.jar"), Map.of("com.example.Greeter", GREETER), Map.of());

        assertThatThrownBy(() -> FunctionJars.load(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists no function")
                .hasMessageContaining("META-INF/services/dev.computefabric.executor.function.FabricFunction");
        Path none = Files.createDirectory(dir.resolve("none"));
        assertThatThrownBy(() -> FunctionJars.load(none)).hasMessageContaining("holds no *.jar file");
        assertThatThrownBy(() -> FunctionJars.load(dir.resolve("missing.jar")))
                .hasMessageContaining("is neither a jar nor a folder of jars");
    }

    @Test
    void aListedClassThatIsMissingIsRefusedNamingIt() {
        Path broken = JavaJars.build(
                dir.resolve("broken.jar"),
                Map.of("com.example.Greeter", GREETER),
                Map.of(FunctionJars.SERVICE_FILE, "com.example.Missing\n"));

        assertThatThrownBy(() -> FunctionJars.load(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Missing");
    }

    /** The jar of the {@code Greeter} above, listing it for ServiceLoader. */
    static Path greeterJar(Path jar) {
        return JavaJars.build(
                jar,
                Map.of("com.example.Greeter", GREETER),
                Map.of(FunctionJars.SERVICE_FILE, "com.example.Greeter\n"));
    }

    private static CallContext context(String args) {
        FuncCall call = TestCalls.call("example.greet").args(args).build();
        return new CallContext(call, Args.parse(call.getFunction(), args), FabricTables.inlineOnly(1024));
    }
}
