package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.CallNotFoundException;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every request about one call ({@code /v1/calls/{id}}, its events, details, outputs, its cancellation) answers
 * {@code 404 call_not_found} unless the caller may see that call: the same answer as for a call that does not exist.
 * The same rule guards one pipeline ({@code /v1/pipelines/{id}}, {@link #ofPipelines}).
 */
final class CallVisibility implements HandlerInterceptor {

    private static final Pattern ONE_CALL = Pattern.compile("/v1/calls/([^/]+)(/.*)?");
    private static final Pattern ONE_PIPELINE = Pattern.compile("/v1/pipelines/([^/]+)(/.*)?");
    /** Paths under /v1/calls that are not call ids. */
    private static final Set<String> NOT_CALL_IDS = Set.of("changes", "throughput");

    private final Pattern one;
    private final Set<String> notIds;
    private final BiPredicate<Caller, String> maySee;
    private final Function<String, GatewayException> notFound;

    CallVisibility(CallAccess access) {
        this(ONE_CALL, NOT_CALL_IDS, access::maySee, CallNotFoundException::new);
    }

    private CallVisibility(
            Pattern one,
            Set<String> notIds,
            BiPredicate<Caller, String> maySee,
            Function<String, GatewayException> notFound) {
        this.one = one;
        this.notIds = notIds;
        this.maySee = maySee;
        this.notFound = notFound;
    }

    /** One pipeline is answered only to its caller and to admins; {@code notFound} is the answer to anyone else. */
    static CallVisibility ofPipelines(BiPredicate<Caller, String> maySee, Function<String, GatewayException> notFound) {
        return new CallVisibility(ONE_PIPELINE, Set.of(), maySee, notFound);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Matcher matched = one.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (!matched.matches() || notIds.contains(matched.group(1))) {
            return true;
        }
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (caller == null || !maySee.test(caller, matched.group(1))) {
            throw notFound.apply(matched.group(1));
        }
        return true;
    }
}
