package dev.computefabric.gateway.web;

import dev.computefabric.gateway.tables.UploadTruncatedException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
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
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
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

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
