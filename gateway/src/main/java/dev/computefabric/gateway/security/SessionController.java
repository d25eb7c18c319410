package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's sign-in, {@code /v1/session}: {@code POST} with a valid {@code Authorization: Bearer} credential sets
 * the {@link SessionCookie}, {@code GET} says who the request is authenticated as, {@code DELETE} removes the cookie.
 * {@link BearerAuthentication} has checked the credential before any of these runs. Exists only with security on.
 */
@RestController
@ConditionalOnProperty(prefix = "fabric.security", name = "enabled", havingValue = "true")
@RequestMapping(BearerAuthentication.SESSION_PATH)
class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    /** Who a request is authenticated as: the principal and its groups, sorted. */
    record SessionView(String principal, List<String> groups) {

        static SessionView of(Caller caller) {
            return new SessionView(
                    caller.name(), caller.groups().stream().sorted().toList());
        }
    }

    @PostMapping
    ResponseEntity<Void> signIn(HttpServletRequest request) {
        // The filter let this request through only with a valid credential in its Authorization header.
        String credential = BearerAuthentication.bearer(request.getHeader(HttpHeaders.AUTHORIZATION))
                .orElseThrow(() -> new IllegalStateException("a sign-in reached the controller without a credential"));
        String cookie = SessionCookie.keep(credential, request.isSecure());
        log.info("console session opened for {}", caller(request).name());
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie).build();
    }

    @GetMapping
    ResponseEntity<SessionView> who(HttpServletRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(SessionView.of(caller(request)));
    }

    @DeleteMapping
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.clear(request.isSecure()))
                .build();
    }

    private static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.ATTRIBUTE);
    }
}
