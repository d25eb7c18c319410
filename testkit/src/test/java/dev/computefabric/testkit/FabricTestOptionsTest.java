package dev.computefabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricTestOptionsTest {

    static final class Upper implements FabricFunction {
        private Upper() {}

        @Override
        public String name() {
            return "upper";
        }

        @Override
        public Object run(CallContext context) {
            return "";
        }
    }

    static final class Priced implements FabricFunction {
        Priced(double rate) {}

        @Override
        public String name() {
            return "priced";
        }

        @Override
        public Object run(CallContext context) {
            return "";
        }
    }

    @FabricTest
    static class Defaults {}

    @FabricTest(functions = Upper.class, scripts = "src/test/scripts", slots = 2, builtins = false)
    static class Everything {}

    @FabricTest(functions = Priced.class)
    static class NeedsArguments {}

    @FabricTest(scripts = "no/such/folder")
    static class MissingScripts {}

    @FabricTest(slots = 0)
    static class NoSlots {}

    @FabricTest(functions = {Upper.class, Upper.class})
    static class Twice {}

    static class Subclass extends Everything {}

    @FabricTest(slots = 3)
    static class Outer {
        class Inner {}
    }

    class Plain {}

    @Test
    void theAnnotationIsFoundOnASuperclassAndOnTheClassEnclosingANestedOne() {
        assertThat(FabricTestOptions.annotationOf(Subclass.class))
                .contains(Everything.class.getAnnotation(FabricTest.class));
        assertThat(FabricTestOptions.annotationOf(Outer.Inner.class))
                .hasValueSatisfying(a -> assertThat(a.slots()).isEqualTo(3));
        assertThat(FabricTestOptions.annotationOf(Plain.class)).isEmpty();
    }

    @Test
    void anEmptyAnnotationServesTheBuiltinsOnFourSlots() {
        FabricTestOptions options = from(Defaults.class);

        assertThat(options.functions()).isEmpty();
        assertThat(options.scripts()).isEmpty();
        assertThat(options.slots()).isEqualTo(FabricTestOptions.DEFAULT_SLOTS);
        assertThat(options.builtins()).isTrue();
    }

    @Test
    void functionClassesAreCreatedEvenWithAPrivateConstructorAndScriptsResolvedAgainstTheWorkingDirectory() {
        FabricTestOptions options = from(Everything.class);

        assertThat(options.functions()).singleElement().isInstanceOf(Upper.class);
        assertThat(options.scripts()).contains(Path.of("src/test/scripts").toAbsolutePath());
        assertThat(options.slots()).isEqualTo(2);
        assertThat(options.builtins()).isFalse();
    }

    @Test
    void aFunctionWithoutANoArgumentConstructorIsRefusedPointingAtTheBuilder() {
        assertThatThrownBy(() -> from(NeedsArguments.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@FabricTest(functions = Priced.class) on " + NeedsArguments.class.getName())
                .hasMessageContaining("has no constructor without arguments")
                .hasMessageContaining("FabricExtension.builder().function(new Priced(...))");
    }

    @Test
    void aScriptsFolderThatDoesNotExistIsRefusedSayingWhereItWasLookedFor() {
        assertThatThrownBy(() -> from(MissingScripts.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@FabricTest on " + MissingScripts.class.getName())
                .hasMessageContaining(Path.of("no/such/folder").toAbsolutePath() + " does not exist")
                .hasMessageContaining("resolved against the working directory");
    }

    @Test
    void aFileIsNotAScriptsFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("script.py"), "#name: x\n");

        assertThatThrownBy(() -> new FabricTestOptions(List.of(), Optional.of(file), 1, true))
                .hasMessageContaining(file + " is not a folder");
    }

    @Test
    void slotsBelowOneAreRefusedNamingTheField() {
        assertThatThrownBy(() -> from(NoSlots.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slots must be at least 1, got 0");
    }

    @Test
    void twoFunctionsOfTheSameNameAreRefused() {
        assertThatThrownBy(() -> from(Twice.class)).hasMessageContaining("two functions are named 'upper'");
    }

    @Test
    void theBuilderChecksWhatItIsGiven() {
        assertThatThrownBy(() -> FabricExtension.builder().function((FabricFunction) null))
                .hasMessage("function must not be null");
        assertThatThrownBy(() -> FabricExtension.builder().slots(-1).build())
                .hasMessageContaining("slots must be at least 1, got -1");
        assertThat(FabricExtension.builder().function(new Upper()).build()).isNotNull();
    }

    private static FabricTestOptions from(Class<?> testClass) {
        return FabricTestOptions.from(testClass.getAnnotation(FabricTest.class), testClass);
    }
}
