package dev.computefabric.gateway.telemetry;

import dev.computefabric.observability.tracing.CallMdc;
import dev.computefabric.observability.tracing.CallSpan;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.observability.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where a call's trace begins: a submitted call continues the W3C {@code traceparent} it came with, or starts a
 * new trace. The request's span context goes into the MDC (so {@code AcceptedCalls} puts it on the call's record
 * and log lines name it) and back to the client in the response's {@code traceparent} header.
 */
public final class TraceContextFilter extends OncePerRequestFilter {

    private final Tracing tracing;

    public TraceContextFilter(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Only submissions start or continue a call's trace; reads and the console do not.
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceParent received =
                TraceParent.parse(request.getHeader(TraceParent.HEADER)).orElseGet(TraceParent::start);
        try (CallSpan span =
                        tracing.start("POST " + request.getRequestURI(), SpanKind.SERVER, null, Optional.of(received));
                CallMdc mdc = CallMdc.putTrace(span.context())) {
            span.context().ifPresent(trace -> response.setHeader(TraceParent.HEADER, trace.toString()));
            chain.doFilter(request, response);
        }
    }
}
