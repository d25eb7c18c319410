package dev.computefabric.schemas;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The mapper for the JSON text the contract carries in strings (a call's args, an output, a pipeline step's args),
 * which callers, scripts and foreign workers write: a value followed by anything but whitespace is not JSON. Jackson
 * 2's default reads the first value and ignores the rest, so {@code "3 rows"} would be the number 3 and
 * {@code {"a": 1}}} the object {@code {"a": 1}}; the gateway's Jackson 3 is as strict by default.
 */
public final class StrictJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}
}
