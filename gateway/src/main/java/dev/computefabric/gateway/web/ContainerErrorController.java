package dev.computefabric.gateway.web;

import dev.computefabric.gateway.tables.UploadTruncatedException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors the servlet container answers itself, in the gateway's one error shape instead of Spring Boot's.
 * The case that matters: a request body that breaks off (fewer bytes than its {@code Content-Length}, a chunked
 * body without its last chunk). Tomcat marks such a request failed with {@code 400} and answers it through this
 * error page, whatever the handler that was reading it said.
 */
@RestController
public class ContainerErrorController implements ErrorController {

    static final String PATH = "/error";

    @RequestMapping(PATH)
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == HttpStatus.INTERNAL_SERVER_ERROR && !decodable(uri != null ? uri : request.getRequestURI())) {
            // Found by fuzzing: Tomcat answers 500 for a path whose percent-escapes are not UTF-8 (%ff) or not
            // escapes at all (%%); the fault is the request's.
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(new ApiError(
                            "bad_request",
                            "the path cannot be decoded: percent-escapes must be two hex digits encoding UTF-8"
                                    + " (%20 for a space, %25 for %)"));
        }
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof InvalidParameterException undecodable) {
            // A filter asked for the parameters before any handler ran (fuzzing: ?a=%Z0 was a 500).
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(new ApiError(
                            "bad_request",
                            "the query string cannot be decoded (" + undecodable.getMessage()
                                    + "); percent-encode it as UTF-8, e.g. %20 for a space and %25 for %"));
        }
        if (status == HttpStatus.BAD_REQUEST && exception instanceof IOException broken) {
            return ResponseEntity.status(status)
                    .body(new ApiError(
                            UploadTruncatedException.CODE,
                            "the request body broke off before its end (fewer bytes than its Content-Length, or a chunked body"
                                    + " without its last chunk; "
                                    + (broken.getMessage() == null
                                            ? broken.getClass().getSimpleName()
                                            : broken.getMessage())
                                    + "); nothing was stored, send it again"));
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return ResponseEntity.status(status)
                .body(new ApiError(
                        status.name().toLowerCase(Locale.ROOT),
                        message instanceof String text && !text.isBlank() ? text : status.getReasonPhrase()));
    }

    /** Whether every percent-escape in {@code uri} is two hex digits and together they spell UTF-8. */
    static boolean decodable(String uri) {
        if (uri == null) {
            return true;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= uri.length()
                    || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
            bytes.write(Integer.parseInt(uri.substring(i + 1, i + 3), 16));
            i += 2;
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
