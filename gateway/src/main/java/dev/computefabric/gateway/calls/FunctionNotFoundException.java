package dev.computefabric.gateway.calls;

import java.util.List;

/** No node has offered a function of this name; nothing was queued. Carries the closest names it knows. */
public final class FunctionNotFoundException extends GatewayException {

    public static final String CODE = "function_not_found";

    private final String function;
    private final List<String> suggestions;

    public FunctionNotFoundException(String function, List<String> suggestions, String message) {
        super(CODE, message, null);
        this.function = function;
        this.suggestions = List.copyOf(suggestions);
    }

    public String function() {
        return function;
    }

    /** Known names close to the one asked for, the closest first; empty when none is close. */
    public List<String> suggestions() {
        return suggestions;
    }
}
