package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.InvalidRequestException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.ResponseCookie;

/**
 * The console's sign-in: the bearer credential kept by the browser in a cookie, because {@code EventSource} (the
 * console's live feeds) cannot send an {@code Authorization} header. {@code HttpOnly}: the page's scripts cannot read
 * it; {@code SameSite=Strict}: another site's pages do not send it; {@code Path=/v1}: only the API receives it;
 * {@code Secure} when the sign-in came over https. No {@code Max-Age}: it ends with the browser session, and the
 * credential's own expiry and revocation apply on every request, as for the header.
 */
final class SessionCookie {

    static final String NAME = "fabric_session";
    static final String PATH = "/v1";
    /** Browsers keep cookies of up to 4096 bytes, name and value (RFC 6265 6.1); a longer one is dropped silently. */
    static final int MAX_VALUE_LENGTH = 4096 - NAME.length() - 1;

    private SessionCookie() {}

    /** The {@code Set-Cookie} header value that keeps {@code credential} for the API. */
    static String keep(String credential, boolean secure) {
        if (credential.length() > MAX_VALUE_LENGTH) {
            throw new InvalidRequestException("the credential is " + credential.length() + " characters long; a"
                    + " browser keeps at most " + MAX_VALUE_LENGTH + " in a cookie. Send it in Authorization: Bearer"
                    + " on every request instead, or ask the identity provider for a shorter token");
        }
        return cookie(credential, secure).build().toString();
    }

    /** The {@code Set-Cookie} header value that removes the cookie. */
    static String clear(boolean secure) {
        return cookie("", secure).maxAge(Duration.ZERO).build().toString();
    }

    /** The credential the request's session cookie carries, if any. */
    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(cookie -> NAME.equals(cookie.getName()))
                .map(Cookie::getValue)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }

    private static ResponseCookie.ResponseCookieBuilder cookie(String value, boolean secure) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .sameSite("Strict")
                .path(PATH)
                .secure(secure);
    }
}
