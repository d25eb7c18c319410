package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.CallNotFoundException;
import dev.computefabric.gateway.calls.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every request about one call ({@code /v1/calls/{id}}, its events, details, outputs, its cancellation) answers
 * {@code 404 call_not_found} unless the caller may see that call: the same answer as for a call that does not exist.
 */
final class CallVisibility implements HandlerInterceptor {

    private static final Pattern ONE_CALL = Pattern.compile("/v1/calls/([^/]+)(/.*)?");
    /** Paths under /v1/calls that are not call ids. */
    private static final Set<String> NOT_CALL_IDS = Set.of("changes", "throughput");

    private final CallAccess access;

    CallVisibility(CallAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Matcher call = ONE_CALL.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (!call.matches() || NOT_CALL_IDS.contains(call.group(1))) {
            return true;
        }
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (caller == null || !access.maySee(caller, call.group(1))) {
            throw new CallNotFoundException(call.group(1));
        }
        return true;
    }
}
