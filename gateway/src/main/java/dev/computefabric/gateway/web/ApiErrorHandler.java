package dev.computefabric.gateway.web;

import dev.computefabric.gateway.calls.BadArgumentsException;
import dev.computefabric.gateway.calls.CallAlreadyEndedException;
import dev.computefabric.gateway.calls.CallForbiddenException;
import dev.computefabric.gateway.calls.CallNotFoundException;
import dev.computefabric.gateway.calls.CallTooLargeException;
import dev.computefabric.gateway.calls.FabricUnavailableException;
import dev.computefabric.gateway.calls.Failures;
import dev.computefabric.gateway.calls.FunctionNotFoundException;
import dev.computefabric.gateway.calls.GatewayException;
import dev.computefabric.gateway.calls.IdempotencyKeyReusedException;
import dev.computefabric.gateway.calls.InvalidRequestException;
import dev.computefabric.gateway.calls.JsonSyntax;
import dev.computefabric.gateway.calls.MalformedJsonException;
import dev.computefabric.gateway.calls.QuotaExceededException;
import dev.computefabric.gateway.pipelines.InvalidPipelineException;
import dev.computefabric.gateway.pipelines.PipelineAlreadyEndedException;
import dev.computefabric.gateway.pipelines.PipelineNotFoundException;
import dev.computefabric.gateway.tables.OutputGoneException;
import dev.computefabric.gateway.tables.OutputNotFoundException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import tools.jackson.core.JacksonException;

/**
 * Every error as {@link ApiError}, with the status decided by the exception's type here and nowhere else.
 * Spring's own errors (unknown path, wrong method, ...) get the same shape instead of the default page.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(GatewayException.class)
    public ResponseEntity<ApiError> gateway(GatewayException e) {
        HttpStatus status = statusOf(e);
        if (status.is5xxServerError()) {
            log.warn("answering {}: {}", status.value(), e.getMessage());
        } else {
            log.debug("answering {}: {}", status.value(), e.getMessage());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (e instanceof QuotaExceededException quota) {
            answer.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, (quota.retryAfter().toMillis() + 999) / 1000)));
        }
        return answer.body(body(e));
    }

    /** A future completed exceptionally; answer for what it failed with. */
    @ExceptionHandler(CompletionException.class)
    public ResponseEntity<ApiError> completion(CompletionException e) {
        Throwable cause = Failures.unwrap(e);
        if (cause instanceof GatewayException known) {
            return gateway(known);
        }
        return other(cause instanceof Exception exception ? exception : e);
    }

    /**
     * A body Spring could not read for a controller. Jackson's message names its internals ({@code [Source:
     * REDACTED ...]}, token types, features); the answer says where and what was expected, as the parser of
     * {@code POST /v1/calls} does.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String message = cause instanceof JacksonException json
                ? JsonSyntax.describe(json)
                : "the request body cannot be read; send a JSON object such as {\"function\": \"echo\"}";
        return gateway(new MalformedJsonException(message, e));
    }

    /** The request body broke off while being read (client aborted, connection reset). */
    @ExceptionHandler(IOException.class)
    public ResponseEntity<ApiError> unreadableBody(IOException e) {
        return gateway(new InvalidRequestException("the request body could not be read: " + e.getMessage()));
    }

    /**
     * A query string Tomcat cannot decode (found by fuzzing: {@code ?a=%zz} was a 500). Tomcat parses parameters
     * lazily, at the first {@code getParameter}, so this surfaces in whatever handler asks first.
     */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ApiError> undecodableQuery(InvalidParameterException e) {
        return gateway(new InvalidRequestException("the query string cannot be decoded (" + e.getMessage()
                + "); percent-encode it as UTF-8, e.g. %20 for a space and %25 for %"));
    }

    /** The client went away while it waited; there is nobody to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException e) {
        log.debug("client disconnected before its answer was written: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiError> other(Exception e) {
        if (e instanceof ErrorResponse spring) {
            HttpStatusCode status = spring.getStatusCode();
            String detail = spring.getBody().getDetail();
            return ResponseEntity.status(status)
                    .body(new ApiError(codeOf(status), detail != null ? detail : e.getMessage()));
        }
        log.error("unexpected failure while handling a request", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError(
                        "internal_error",
                        "the gateway failed unexpectedly (" + e.getClass().getSimpleName() + "); see its log"));
    }

    private static ApiError body(GatewayException e) {
        if (e instanceof FunctionNotFoundException notFound) {
            return new ApiError(e.code(), e.getMessage(), null, notFound.suggestions());
        }
        if (e instanceof InvalidPipelineException invalid) {
            return new ApiError(e.code(), e.getMessage(), null, null, invalid.problems());
        }
        if (e instanceof BadArgumentsException bad) {
            return new ApiError(e.code(), e.getMessage(), bad.argument(), null);
        }
        return new ApiError(e.code(), e.getMessage());
    }

    static HttpStatus statusOf(GatewayException e) {
        if (e instanceof CallTooLargeException) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        if (e instanceof InvalidRequestException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof CallNotFoundException
                || e instanceof PipelineNotFoundException
                || e instanceof OutputNotFoundException
                || e instanceof FunctionNotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof OutputGoneException) {
            return HttpStatus.GONE;
        }
        if (e instanceof CallForbiddenException) {
            return HttpStatus.FORBIDDEN;
        }
        if (e instanceof QuotaExceededException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (e instanceof CallAlreadyEndedException || e instanceof PipelineAlreadyEndedException) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof IdempotencyKeyReusedException) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        if (e instanceof FabricUnavailableException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        // FabricRefusedException and anything unforeseen: the server's fault, and a retry will not help.
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value() : known.name().toLowerCase(Locale.ROOT);
    }
}
