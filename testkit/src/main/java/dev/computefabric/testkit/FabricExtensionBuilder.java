package dev.computefabric.testkit;

import dev.computefabric.executor.function.FabricFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FabricExtension} for {@code @RegisterExtension}, for functions that are instances (built with
 * constructor arguments, or lambdas behind {@code TypedFunction.of}):
 *
 * <pre>{@code
 * @RegisterExtension
 * static FabricExtension fabric = FabricExtension.builder()
 *         .function(new Discount(Map.of("tea", 10)))
 *         .scripts(Path.of("src/test/scripts"))
 *         .build();
 * }</pre>
 */
public final class FabricExtensionBuilder {

    private final List<FabricFunction> functions = new ArrayList<>();
    private Path scripts;
    private int slots = FabricTestOptions.DEFAULT_SLOTS;
    private boolean builtins = FabricTestOptions.DEFAULT_BUILTINS;

    FabricExtensionBuilder() {}

    /** Functions each test's node serves. */
    public FabricExtensionBuilder function(FabricFunction... functions) {
        for (FabricFunction function : functions) {
            if (function == null) {
                throw new IllegalArgumentException("function must not be null");
            }
        }
        this.functions.addAll(Arrays.asList(functions));
        return this;
    }

    /** A folder of scripts with headers each test's node serves; relative paths against the working directory. */
    public FabricExtensionBuilder scripts(Path folder) {
        this.scripts = folder;
        return this;
    }

    /** How many calls each test's node runs at once (default {@value FabricTestOptions#DEFAULT_SLOTS}). */
    public FabricExtensionBuilder slots(int slots) {
        this.slots = slots;
        return this;
    }

    /** Whether each test's node serves the built-in functions too (default yes). */
    public FabricExtensionBuilder builtins(boolean builtins) {
        this.builtins = builtins;
        return this;
    }

    /** @throws IllegalArgumentException a setting is wrong; the message names it */
    public FabricExtension build() {
        return new FabricExtension(new FabricTestOptions(functions, Optional.ofNullable(scripts), slots, builtins));
    }
}
