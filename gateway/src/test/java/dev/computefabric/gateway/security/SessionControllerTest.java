package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.schemas.tokens.ApiTokens;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** What {@code /v1/session} answers once the filter let a request through. */
class SessionControllerTest {

    final SessionController controller = new SessionController();
    final String token = ApiTokens.mint();

    @Test
    void signingInKeepsTheHeadersCredentialInTheCookie() {
        ResponseEntity<Void> answer = controller.signIn(authenticated("POST", false));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(answer.getHeaders().getFirst("Set-Cookie")).isEqualTo(SessionCookie.keep(token, false));
    }

    @Test
    void signingInOverHttpsSetsASecureCookie() {
        ResponseEntity<Void> answer = controller.signIn(authenticated("POST", true));

        assertThat(answer.getHeaders().getFirst("Set-Cookie")).contains("; Secure");
    }

    @Test
    void theSessionNamesThePrincipalAndItsGroupsAndIsNotCached() {
        ResponseEntity<SessionController.SessionView> answer = controller.who(authenticated("GET", false));

        assertThat(answer.getBody()).isEqualTo(new SessionController.SessionView("alice", List.of("a", "b")));
        assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
    }

    @Test
    void signingOutClearsTheCookie() {
        ResponseEntity<Void> answer = controller.signOut(new MockHttpServletRequest("DELETE", "/v1/session"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(answer.getHeaders().getFirst("Set-Cookie")).isEqualTo(SessionCookie.clear(false));
    }

    private MockHttpServletRequest authenticated(String method, boolean secure) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/v1/session");
        request.addHeader("Authorization", "Bearer " + token);
        request.setSecure(secure);
        request.setAttribute(Caller.ATTRIBUTE, new Caller("alice", Set.of("b", "a")));
        return request;
    }
}
