package dev.computefabric.executor.function;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The mapper for JSON text that callers and scripts write: a value followed by anything but whitespace is not JSON.
 * Jackson's default reads the first value and ignores the rest, so {@code "3 rows"} would be the number 3 and
 * {@code {"a": 1}}} the object {@code {"a": 1}}; the gateway parses requests as strictly.
 */
public final class StrictJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}
}
