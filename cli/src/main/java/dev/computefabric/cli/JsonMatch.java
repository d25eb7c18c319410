package dev.computefabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;

/** JSON equality where numbers compare by value ({@code 1} equals {@code 1.0}), within a relative tolerance. */
public final class JsonMatch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double RELATIVE_TOLERANCE = 1e-9;

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y))) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonMatch() {}

    /** Whether {@code actual} is {@code expected} (any JSON-mappable value), numbers compared by value. */
    public static boolean matches(Object expected, JsonNode actual) {
        JsonNode want = expected instanceof JsonNode node ? node : JSON.valueToTree(expected);
        return actual != null && want.equals(NUMBERS_BY_VALUE, actual);
    }
}
