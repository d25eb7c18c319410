package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.web.ApiError;
import dev.computefabric.schemas.tokens.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates every {@code /v1} request by its {@code Authorization: Bearer} credential, an API token
 * ({@value ApiTokens#PREFIX}...) or, where configured, a JWT, or, without that header, by the console's
 * {@link SessionCookie}; leaves the {@link Caller} in the request, and narrows a non-admin's call lists to its own
 * calls. Anything else is {@code 401} with {@code WWW-Authenticate: Bearer} (RFC 6750); a change authenticated by the
 * cookie without the {@link ConsoleHeader} is {@code 403}. The credential itself is never logged or echoed.
 */
final class BearerAuthentication extends OncePerRequestFilter {

    static final String PROTECTED_PREFIX = "/v1/";
    static final String SESSION_PATH = "/v1/session";
    static final String REALM = "fabric";

    private static final Logger log = LoggerFactory.getLogger(BearerAuthentication.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BEARER = "bearer ";

    private final ApiTokenStore tokens;
    private final Optional<JwtAuthenticator> jwt;
    private final CallAccess access;
    private final Clock clock;

    BearerAuthentication(ApiTokenStore tokens, Optional<JwtAuthenticator> jwt, CallAccess access, Clock clock) {
        this.tokens = tokens;
        this.jwt = jwt;
        this.access = access;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The console's static files and the actuator stay open; every API path is protected.
        return !request.getRequestURI()
                .substring(request.getContextPath().length())
                .startsWith(PROTECTED_PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // The cookie counts only without an Authorization header: what a program sends explicitly wins.
        Optional<String> cookie = header == null ? SessionCookie.read(request) : Optional.empty();
        if (cookie.isPresent() && !ConsoleHeader.permits(request.getMethod(), request.getHeader(ConsoleHeader.NAME))) {
            log.debug(
                    "refused {} {}: the session cookie without {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    ConsoleHeader.NAME);
            answer(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    new ApiError(ConsoleHeader.REFUSED, ConsoleHeader.REFUSAL));
            return;
        }
        if (is(request, "DELETE", SESSION_PATH)) {
            // Signing out needs no valid credential: a revoked or expired token must still leave the browser.
            chain.doFilter(request, response);
            return;
        }
        Optional<String> credential;
        if (header != null) {
            credential = bearer(header);
        } else {
            // Signing in takes the credential from the header only: a cookie does not renew itself.
            credential = is(request, "POST", SESSION_PATH) ? Optional.empty() : cookie;
        }
        if (credential.isEmpty()) {
            refuse(response, null, "this gateway needs a credential: send Authorization: Bearer <API token or JWT>");
            return;
        }
        Caller caller;
        try {
            caller = authenticate(credential.get());
        } catch (InvalidCredentialsException e) {
            log.debug("refused {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            refuse(response, "invalid_token", e.getMessage());
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        boolean ownOnly = OwnCallsOnly.listsCalls(request) && !access.isAdmin(caller);
        chain.doFilter(ownOnly ? new OwnCallsOnly(request, caller.name()) : request, response);
    }

    /** The credential of an {@code Authorization: Bearer <credential>} header; empty for any other scheme. */
    static Optional<String> bearer(String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        String credential = header.substring(BEARER.length()).trim();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }

    private static boolean is(HttpServletRequest request, String method, String path) {
        return method.equals(request.getMethod())
                && path.equals(request.getRequestURI()
                        .substring(request.getContextPath().length()));
    }

    private Caller authenticate(String credential) {
        if (ApiTokens.looksLikeToken(credential)) {
            return tokens.authenticate(credential, clock.instant());
        }
        return jwt.orElseThrow(() -> new InvalidCredentialsException(
                        "this gateway accepts API tokens (" + ApiTokens.PREFIX + "...) only; it has no JWT issuer"))
                .authenticate(credential);
    }

    private static void refuse(HttpServletResponse response, String error, String message) throws IOException {
        String challenge = "Bearer realm=\"" + REALM + "\"";
        if (error != null) {
            challenge += ", error=\"" + error + "\", error_description=\"" + message.replace("\"", "'") + "\"";
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        answer(response, HttpServletResponse.SC_UNAUTHORIZED, new ApiError("unauthorized", message));
    }

    private static void answer(HttpServletResponse response, int status, ApiError error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), error);
    }
}
