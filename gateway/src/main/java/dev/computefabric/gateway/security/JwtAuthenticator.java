package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.Caller;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * OAuth2/OIDC bearer JWTs, with Spring Security's resource-server decoder: the signature against the issuer's JWKS
 * (fetched and cached by the decoder), expiry and not-before, the issuer and the audience. The principal and its
 * groups come from configurable claims.
 */
final class JwtAuthenticator {

    private final NimbusJwtDecoder decoder;
    private final SecurityProperties.Jwt settings;

    JwtAuthenticator(SecurityProperties.Jwt settings) {
        this.settings = settings;
        this.decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwksUrl()).build();
        JwtClaimValidator<List<String>> audience =
                new JwtClaimValidator<>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(settings.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()), audience));
    }

    /** @throws InvalidCredentialsException bad signature, expired, wrong issuer or audience, no principal */
    Caller authenticate(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            // The decoder's messages name the check that failed, never the token.
            throw new InvalidCredentialsException("the JWT was refused: " + e.getMessage());
        }
        Object principal = jwt.getClaims().get(settings.principalClaim());
        if (!(principal instanceof String name) || name.isBlank()) {
            throw new InvalidCredentialsException(
                    "the JWT has no claim '" + settings.principalClaim() + "' naming its principal");
        }
        return new Caller(name, groups(jwt.getClaims().get(settings.groupsClaim())));
    }

    /** A list claim, or one string of names separated by spaces or commas (as some issuers send scopes). */
    static Set<String> groups(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        if (claim instanceof String one) {
            return Arrays.stream(one.split("[\\s,]+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        }
        return Set.of();
    }
}
