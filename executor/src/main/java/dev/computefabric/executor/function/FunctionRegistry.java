package dev.computefabric.executor.function;

import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.function.builtin.Fail;
import dev.computefabric.executor.function.builtin.PythonScript;
import dev.computefabric.executor.function.builtin.Sleep;
import dev.computefabric.executor.function.builtin.TableCopy;
import dev.computefabric.executor.function.builtin.TableDescribe;
import dev.computefabric.executor.function.builtin.TableDescribeMerge;
import dev.computefabric.executor.function.builtin.TableGenerate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A fixed set of functions, by name. */
public final class FunctionRegistry implements FunctionLookup {

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

    /**
     * The functions every executor has. {@code python} (code sent in the call) is not among them: it runs only
     * where the node was started with {@code --allow-inline-code}; see {@link #withInlineCode()}.
     */
    public static FunctionRegistry builtins() {
        return new FunctionRegistry(List.of(
                new Echo(),
                new Sleep(),
                new Fail(),
                new TableDescribe(),
                new TableDescribeMerge(),
                new TableCopy(),
                new TableGenerate()));
    }

    /** This registry plus {@code python}, which runs whatever code a caller sends. */
    public FunctionRegistry withInlineCode() {
        return adding(List.of(new PythonScript()));
    }

    /** This registry plus {@code functions}; a name that exists already is an error. */
    public FunctionRegistry adding(Collection<? extends FabricFunction> functions) {
        List<FabricFunction> all = new java.util.ArrayList<>(byName.values());
        all.addAll(functions);
        return new FunctionRegistry(all);
    }

    /** This registry with {@code replacement} instead of the function of the same name (or added, if none). */
    public FunctionRegistry replacing(FabricFunction replacement) {
        Map<String, FabricFunction> functions = new TreeMap<>(byName);
        functions.put(replacement.name(), replacement);
        return new FunctionRegistry(functions.values());
    }

    @Override
    public Optional<FabricFunction> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every function, sorted by name. */
    public List<FabricFunction> functions() {
        return List.copyOf(byName.values());
    }
}
