package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ApiErrorHandlerTest {

    private final ApiErrorHandler handler = new ApiErrorHandler();

    @Test
    void aBodySpringCouldNotReadAsJsonIsExplainedWithoutTheParsersInternals() {
        byte[] body = "{\"name\": \"x\",}".getBytes(StandardCharsets.UTF_8);
        JacksonException parseError = catchThrowableOfType(
                JacksonException.class, () -> JsonMapper.shared().readTree(body));

        ResponseEntity<ApiError> answer = handler.unreadable(
                new HttpMessageNotReadableException("JSON parse error", parseError, new MockHttpInputMessage(body)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().error()).isEqualTo("malformed_json");
        assertThat(answer.getBody().message())
                .isEqualTo("the request body is not valid JSON at line 1, column 14: expected a field name in double"
                        + " quotes, found '}' (JSON allows no comma before '}')");
    }

    @Test
    void aBodyThatIsNotJsonAtAllSaysWhatToSend() {
        ResponseEntity<ApiError> answer = handler.unreadable(new HttpMessageNotReadableException(
                "Required request body is missing", new MockHttpInputMessage(new byte[0])));

        assertThat(answer.getBody().message())
                .isEqualTo("the request body cannot be read; send a JSON object such as" + " {\"function\": \"echo\"}");
    }
}
