package dev.computefabric.executor.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.function.builtin.Echo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeFunctionsTest {

    private final NodeFunctions functions = NodeFunctions.of(new FunctionRegistry(List.of(new Echo())));
    private final AtomicInteger changes = new AtomicInteger();

    @Test
    void aSourceReplacesWhatItOffersAsAWholeAndListenersHearEachChange() {
        functions.onChange(changes::incrementAndGet);
        FabricFunction first = named("scripts.a");

        functions.update("scripts", List.of(first, named("scripts.b")), Map.of());
        functions.update("scripts", List.of(first), Map.of());

        assertThat(functions.names()).containsExactly("echo", "scripts.a");
        assertThat(functions.find("scripts.b")).isEmpty();
        assertThat(changes).hasValue(2);
    }

    @Test
    void theSameFunctionsAgainAreNoChange() {
        FabricFunction a = named("a");
        functions.update("scripts", List.of(a), Map.of());
        functions.onChange(changes::incrementAndGet);

        functions.update("scripts", List.of(a), Map.of());

        assertThat(changes).hasValue(0);
    }

    @Test
    void aNameTakenByAFixedFunctionIsNotOfferedAgainAndTheReasonIsKept() {
        functions.update("scripts", List.of(named("echo")), Map.of());

        assertThat(functions.find("echo")).containsInstanceOf(Echo.class);
        assertThat(functions.unavailableReason("echo")).isEmpty();
        assertThat(functions.names()).containsExactly("echo");
    }

    @Test
    void whatASourceKnowsButCannotOfferKeepsItsReasonUntilItIsOffered() {
        functions.update("scripts", List.of(), Map.of("model", "needs Rscript, which is not on the PATH"));
        assertThat(functions.unavailableReason("model")).contains("needs Rscript, which is not on the PATH");

        functions.update("scripts", List.of(named("model")), Map.of());
        assertThat(functions.unavailableReason("model")).isEmpty();
        assertThat(functions.find("model")).isPresent();
    }

    private static FabricFunction named(String name) {
        return new FabricFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object run(CallContext context) {
                return name;
            }
        };
    }
}
