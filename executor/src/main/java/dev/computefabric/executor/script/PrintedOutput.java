package dev.computefabric.executor.script;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.schemas.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a process printed on stdout, as its call's output: the JSON it printed, else {@code {"stdout": "..."}}, and
 * null when it printed nothing. More than {@link #MAX_BYTES} fails the call rather than fill the result topic.
 */
public final class PrintedOutput {

    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private PrintedOutput() {}

    /**
     * @param printer who printed it, to start the error with, e.g. {@code "python: the script"}
     * @param advice appended to the error for output that is too large, or empty
     */
    public static Object read(Path stdout, String printer, String advice) throws IOException {
        long size = Files.size(stdout);
        if (size > MAX_BYTES) {
            throw new FunctionFailedException(
                    printer + " printed " + size + " bytes; at most " + MAX_BYTES + " are kept as the output" + advice,
                    false);
        }
        String text = Files.readString(stdout, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException notJson) {
            return Map.of("stdout", text);
        }
    }
}
