package dev.computefabric.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call list, change feed or pipeline list ({@code GET /v1/calls}, {@code /v1/calls/changes}, {@code /v1/pipelines})
 * as a non-admin may ask for it: its
 * {@code caller} filter is the caller's own name, whatever the query said.
 */
final class OwnCallsOnly extends HttpServletRequestWrapper {

    static final String CALLER_PARAMETER = "caller";

    private final String caller;

    OwnCallsOnly(HttpServletRequest request, String caller) {
        super(request);
        this.caller = caller;
    }

    /** Whether {@code request} lists calls: the paths whose {@code caller} filter decides what is shown. */
    static boolean listsCalls(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod())
                && (path.equals("/v1/calls") || path.equals("/v1/calls/changes") || path.equals("/v1/pipelines"));
    }

    @Override
    public String getParameter(String name) {
        return CALLER_PARAMETER.equals(name) ? caller : super.getParameter(name);
    }

    @Override
    public String[] getParameterValues(String name) {
        return CALLER_PARAMETER.equals(name) ? new String[] {caller} : super.getParameterValues(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
        parameters.put(CALLER_PARAMETER, new String[] {caller});
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }
}
