package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.gateway.calls.InvalidRequestException;
import dev.computefabric.schemas.tokens.ApiTokens;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SessionCookieTest {

    final String token = ApiTokens.mint();

    @Test
    void theCookieIsHttpOnlyStrictAndLimitedToTheApi() {
        assertThat(SessionCookie.keep(token, false))
                .isEqualTo("fabric_session=" + token + "; Path=/v1; HttpOnly; SameSite=Strict");
    }

    @Test
    void overHttpsTheCookieIsSecure() {
        assertThat(SessionCookie.keep(token, true)).contains("; Secure").contains("; HttpOnly");
    }

    @Test
    void theCookieLastsTheBrowserSessionOnly() {
        assertThat(SessionCookie.keep(token, true)).doesNotContain("Max-Age").doesNotContain("Expires");
    }

    @Test
    void clearingSetsAnEmptyValueThatExpiresAtOnceOnTheSamePath() {
        assertThat(SessionCookie.clear(false))
                .startsWith("fabric_session=;")
                .contains("Path=/v1")
                .contains("Max-Age=0")
                .contains("HttpOnly")
                .contains("SameSite=Strict");
    }

    @Test
    void aCredentialTooLongForABrowserIsRefusedWithoutEchoingIt() {
        String jwt = "eyJ" + "a".repeat(SessionCookie.MAX_VALUE_LENGTH);

        assertThatThrownBy(() -> SessionCookie.keep(jwt, false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Authorization: Bearer")
                .message()
                .doesNotContain(jwt.substring(0, 40));
    }

    @Test
    void theCredentialIsReadFromTheRequestsCookieOfThatName() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie("other", "x"), new Cookie(SessionCookie.NAME, token));

        assertThat(SessionCookie.read(request)).contains(token);
    }

    @Test
    void noCookieOrAnEmptyOneIsNoCredential() {
        MockHttpServletRequest none = new MockHttpServletRequest();
        MockHttpServletRequest empty = new MockHttpServletRequest();
        empty.setCookies(new Cookie(SessionCookie.NAME, ""));

        assertThat(SessionCookie.read(none)).isEmpty();
        assertThat(SessionCookie.read(empty)).isEmpty();
    }
}
