package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.schemas.tokens.ApiTokens;
import dev.computefabric.testing.SettableClock;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter's choice of credential (header or session cookie) and the console header rule for the cookie. */
class BearerAuthenticationTest {

    final SettableClock clock = SettableClock.at("2026-12-03T07:00:00Z");
    final ApiTokenStore tokens = new ApiTokenStore();
    final BearerAuthentication filter =
            new BearerAuthentication(tokens, Optional.empty(), mock(CallAccess.class), clock);
    final String alice = token("alice");
    final String bob = token("bob");

    @Test
    void theSessionCookieAuthenticatesARead() throws Exception {
        Outcome outcome = run(request("GET", "/v1/functions").cookie(alice));

        assertThat(outcome.passedAs()).contains("alice");
    }

    @Test
    void theAuthorizationHeaderWinsOverTheCookie() throws Exception {
        Outcome valid = run(request("GET", "/v1/functions").bearer(bob).cookie(alice));
        Outcome invalid =
                run(request("GET", "/v1/functions").bearer(ApiTokens.mint()).cookie(alice));

        assertThat(valid.passedAs()).contains("bob");
        assertThat(invalid.status()).isEqualTo(401);
    }

    @Test
    void aChangeAuthenticatedByTheCookieWithoutTheConsoleHeaderIs403AndGoesNoFurther() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            Outcome outcome = run(request(method, "/v1/calls").cookie(alice));

            assertThat(outcome.status()).as(method).isEqualTo(403);
            assertThat(outcome.passedAs()).as(method).isEmpty();
            assertThat(outcome.body()).contains(ConsoleHeader.REFUSED).contains("X-Fabric-Console: 1");
        }
    }

    @Test
    void aChangeAuthenticatedByTheCookieWithTheConsoleHeaderGoesOn() throws Exception {
        Outcome outcome = run(request("POST", "/v1/calls").cookie(alice).console());

        assertThat(outcome.passedAs()).contains("alice");
    }

    @Test
    void aChangeAuthenticatedByTheHeaderNeedsNoConsoleHeaderEvenWithACookie() throws Exception {
        Outcome outcome = run(request("DELETE", "/v1/calls/c1").bearer(alice).cookie(bob));

        assertThat(outcome.passedAs()).contains("alice");
    }

    @Test
    void anInvalidCookieIs401LikeAnInvalidHeader() throws Exception {
        Outcome outcome = run(request("GET", "/v1/calls").cookie(ApiTokens.mint()));

        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.challenge()).contains("invalid_token");
    }

    @Test
    void signingInTakesTheCredentialFromTheHeaderOnly() throws Exception {
        Outcome byHeader = run(request("POST", "/v1/session").bearer(alice));
        Outcome byCookie = run(request("POST", "/v1/session").cookie(alice).console());

        assertThat(byHeader.passedAs()).contains("alice");
        assertThat(byCookie.status()).isEqualTo(401);
    }

    @Test
    void signingOutNeedsNoValidCredentialButTheConsoleHeaderWithTheCookie() throws Exception {
        String revoked = ApiTokens.mint();
        Outcome withHeader =
                run(request("DELETE", "/v1/session").cookie(revoked).console());
        Outcome withoutHeader = run(request("DELETE", "/v1/session").cookie(revoked));
        Outcome withoutCookie = run(request("DELETE", "/v1/session"));

        assertThat(withHeader.passed()).isTrue();
        assertThat(withoutHeader.status()).isEqualTo(403);
        assertThat(withoutCookie.passed()).isTrue();
    }

    @Test
    void noRefusalEchoesTheCredential() throws Exception {
        String unknown = ApiTokens.mint();
        for (Request request : List.of(
                request("GET", "/v1/calls").cookie(unknown),
                request("POST", "/v1/calls").cookie(unknown),
                request("GET", "/v1/calls").bearer(unknown))) {
            Outcome outcome = run(request);

            assertThat(outcome.body() + outcome.challenge()).doesNotContain(unknown);
        }
    }

    private String token(String principal) {
        String token = ApiTokens.mint();
        tokens.onRecord(
                ApiTokens.idOf(token),
                ApiToken.newBuilder()
                        .setTokenId(ApiTokens.idOf(token))
                        .setSha256(ApiTokens.sha256(token))
                        .setPrincipal(principal)
                        .setGroups(List.of("analysts"))
                        .setCreatedAt(clock.instant().minus(Duration.ofHours(1)))
                        .build());
        return token;
    }

    private static Request request(String method, String path) {
        return new Request(new MockHttpServletRequest(method, path));
    }

    private Outcome run(Request request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request.mock(), response, chain);
        Optional<String> as = Optional.ofNullable(chain.getRequest())
                .map(passed -> (Caller) passed.getAttribute(Caller.ATTRIBUTE))
                .map(Caller::name);
        return new Outcome(chain.getRequest() != null, as, response);
    }

    /** A request under construction. */
    record Request(MockHttpServletRequest mock) {

        Request bearer(String token) {
            mock.addHeader("Authorization", "Bearer " + token);
            return this;
        }

        Request cookie(String token) {
            mock.setCookies(new Cookie(SessionCookie.NAME, token));
            return this;
        }

        Request console() {
            mock.addHeader(ConsoleHeader.NAME, "1");
            return this;
        }
    }

    /** What the filter did: let the request through (as whom), or answered it. */
    record Outcome(boolean passed, Optional<String> passedAs, MockHttpServletResponse response) {

        int status() {
            return response.getStatus();
        }

        String body() throws Exception {
            return response.getContentAsString();
        }

        String challenge() {
            return String.valueOf(response.getHeader("WWW-Authenticate"));
        }
    }
}
