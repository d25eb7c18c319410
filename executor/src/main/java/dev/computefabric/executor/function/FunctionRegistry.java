package dev.computefabric.executor.function;

import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.function.builtin.Fail;
import dev.computefabric.executor.function.builtin.PythonScript;
import dev.computefabric.executor.function.builtin.Sleep;
import dev.computefabric.executor.function.builtin.TableCopy;
import dev.computefabric.executor.function.builtin.TableDescribe;
import dev.computefabric.executor.function.builtin.TableGenerate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The functions an executor offers, by name. */
public final class FunctionRegistry {

    private final Map<String, FabricFunction> byName = new TreeMap<>();

    public FunctionRegistry(Collection<? extends FabricFunction> functions) {
        for (FabricFunction function : functions) {
            FabricFunction previous = byName.putIfAbsent(function.name(), function);
            if (previous != null) {
                throw new IllegalArgumentException("two functions are named '" + function.name() + "': "
                        + previous.getClass().getName() + " and "
                        + function.getClass().getName());
            }
        }
    }

    /** The functions every executor has. */
    public static FunctionRegistry builtins() {
        return new FunctionRegistry(List.of(
                new Echo(),
                new Sleep(),
                new Fail(),
                new TableDescribe(),
                new TableCopy(),
                new TableGenerate(),
                new PythonScript()));
    }

    /** This registry with {@code replacement} instead of the function of the same name (or added, if none). */
    public FunctionRegistry replacing(FabricFunction replacement) {
        Map<String, FabricFunction> functions = new TreeMap<>(byName);
        functions.put(replacement.name(), replacement);
        return new FunctionRegistry(functions.values());
    }

    public Optional<FabricFunction> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every function name, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
