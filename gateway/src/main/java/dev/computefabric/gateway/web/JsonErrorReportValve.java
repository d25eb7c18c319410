package dev.computefabric.gateway.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Errors Tomcat answers before any servlet runs, in the gateway's one error shape instead of Tomcat's HTML page.
 * Found by fuzzing: request headers over Tomcat's limit ({@code server.max-http-request-header-size}, 8 KB by
 * default) got {@code 400} with an HTML page that said only "Bad Request". Errors a servlet answered already have a
 * body ({@link ContainerErrorController}) and are left alone.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = known == null ? "error_" + status : known.name().toLowerCase(Locale.ROOT);
        String message = status == 400
                ? "the request could not be read: its request line or headers are malformed or too large (the gateway"
                        + " reads at most server.max-http-request-header-size, 8 KB by default, of headers);"
                        + " send fewer or smaller headers and a valid request line"
                : (known == null ? "HTTP " + status : known.getReasonPhrase());
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message
                + "\"}"; // both texts are ours: no quotes or backslashes to escape
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response committed meanwhile: nothing more to say.
        }
    }
}
