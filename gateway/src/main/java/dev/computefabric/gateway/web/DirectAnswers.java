package dev.computefabric.gateway.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityReturnValueHandler;

/**
 * Answers a handler's {@code CompletableFuture<ResponseEntity<?>>} when it completes, without Spring MVC's second
 * dispatch. Spring starts Servlet async for a future and, once it completes, dispatches the request again through
 * Tomcat's valves, the filter chain and the {@code DispatcherServlet} only to write the entity: 35 % of the gateway's
 * CPU samples under {@code throughput --path http} (docs/benchmarks.md). Here the handler starts Servlet async
 * itself; when the future completes, a container thread writes the entity with Spring's own
 * {@link ResponseEntityReturnValueHandler} (the same converters and headers) or the error with the application's
 * exception handlers (the same error shape), and completes the request. A future complete when the handler returns
 * is written at once, without async.
 *
 * <p>The answer waits for the request's first pass to end ({@link #firstPassFilter()}, the outermost filter): Tomcat
 * runs {@link AsyncContext#start} at once, so an answer written while the filters still unwind would miss the
 * headers they add on the way out and could complete the request before the observation filter listens for that.
 */
public final class DirectAnswers implements HandlerMethodReturnValueHandler {

    static final String HELD = DirectAnswers.class.getName() + ".HELD";

    private static final Logger log = LoggerFactory.getLogger(DirectAnswers.class);

    private final HandlerMethodReturnValueHandler entities;
    private final HandlerExceptionResolver errors;
    private final Duration timeout;
    private final Map<Method, FutureValue> valueTypes = new ConcurrentHashMap<>();

    private DirectAnswers(HandlerMethodReturnValueHandler entities, HandlerExceptionResolver errors, Duration timeout) {
        this.entities = entities;
        this.errors = errors;
        this.timeout = timeout;
    }

    /**
     * Puts the handler ahead of Spring's own for futures.
     *
     * @param errors  the application's exception handling ({@code DispatcherServlet}'s composite resolver)
     * @param timeout a backstop: every wait ends by itself, and a request still unanswered then gets a 503
     */
    public static void install(
            RequestMappingHandlerAdapter adapter, HandlerExceptionResolver errors, Duration timeout) {
        List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
        HandlerMethodReturnValueHandler entities = handlers.stream()
                .filter(ResponseEntityReturnValueHandler.class::isInstance)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Spring MVC writes no ResponseEntity: " + handlers));
        handlers.add(0, new DirectAnswers(entities, errors, timeout));
        adapter.setReturnValueHandlers(handlers);
    }

    /** Tells a held answer that the request's first pass ended; outermost, so every other filter is done. */
    public static FilterRegistrationBean<Filter> firstPassFilter() {
        Filter filter = (request, response, chain) -> {
            chain.doFilter(request, response);
            if (request.getAttribute(HELD) instanceof HeldAnswer held) {
                held.firstPassEnded();
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("directAnswersFirstPass");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return CompletableFuture.class.isAssignableFrom(returnType.getParameterType())
                && ResponseEntity.class.isAssignableFrom(valueType(returnType).getParameterType());
    }

    @Override
    public void handleReturnValue(
            Object returnValue, MethodParameter returnType, ModelAndViewContainer mav, NativeWebRequest webRequest)
            throws Exception {
        FutureValue valueType = valueType(returnType);
        CompletableFuture<?> future = (CompletableFuture<?>) returnValue;
        if (future == null || future.isDone()) {
            // Thrown here, a failure reaches the exception handlers as a handler's own would.
            entities.handleReturnValue(future == null ? null : valueOf(future), valueType, mav, webRequest);
            return;
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        // The container's own request and response: the filters' wrappers are done with by the time it is written.
        AsyncContext async = request.startAsync();
        async.setTimeout(timeout.toMillis());
        HeldAnswer held = new HeldAnswer(async, (value, error) -> write(async, valueType, value, error));
        async.addListener(held);
        request.setAttribute(HELD, held);
        mav.setRequestHandled(true);
        future.whenComplete(held::settle);
    }

    /** Resolved once per handler method: Spring asks which handler takes the return value on every request. */
    private FutureValue valueType(MethodParameter futureType) {
        return valueTypes.computeIfAbsent(futureType.getMethod(), method -> new FutureValue(futureType));
    }

    private void write(AsyncContext async, MethodParameter valueType, Object value, Throwable error) {
        HttpServletRequest request = (HttpServletRequest) async.getRequest();
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            if (error == null) {
                entities.handleReturnValue(
                        value, valueType, new ModelAndViewContainer(), new ServletWebRequest(request, response));
            } else if (errors.resolveException(request, response, null, asException(error)) == null) {
                log.warn("no handler for {} answering {}", error, request.getRequestURI(), error);
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
        } catch (IOException e) {
            // The client went away while it waited: there is nobody to answer.
            log.debug("could not answer {}: {}", request.getRequestURI(), e.toString());
        } catch (Exception e) {
            log.warn("could not answer {}", request.getRequestURI(), e);
        }
    }

    private static Object valueOf(CompletableFuture<?> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw asException(e);
        }
    }

    private static Exception asException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof Exception e ? e : new ServletException("call handling failed: " + cause, cause);
    }

    /** A future's value type ({@code ResponseEntity<CallView>}), as Spring's writers read a handler's return type. */
    private static final class FutureValue extends MethodParameter {

        private final ResolvableType type;

        FutureValue(MethodParameter futureType) {
            super(futureType);
            this.type = ResolvableType.forMethodParameter(futureType)
                    .as(CompletableFuture.class)
                    .getGeneric();
        }

        private FutureValue(FutureValue original) {
            super(original);
            this.type = original.type;
        }

        @Override
        public Class<?> getParameterType() {
            return type.toClass();
        }

        @Override
        public Type getGenericParameterType() {
            return type.getType();
        }

        @Override
        public FutureValue clone() {
            return new FutureValue(this);
        }
    }
}
