package dev.computefabric.gateway.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Authentication and authorization at the gateway, under {@code fabric.security.*}. Off by default: a local
 * fabric answers anyone who reaches it (see docs/security.md).
 *
 * @param enabled            every {@code /v1} request needs a bearer credential, and the policy decides
 * @param policyFile         the YAML policy; required when enabled
 * @param policyCheckInterval how often the policy file's modification time is looked at (default 1 s)
 * @param tokensStartupTimeout how long the gateway may take to read {@code fabric.tokens} before it serves
 * @param jwt                OAuth2/OIDC bearer JWTs; off unless {@code jwks-url} is set
 */
@ConfigurationProperties("fabric.security")
public record SecurityProperties(
        Boolean enabled, Path policyFile, Duration policyCheckInterval, Duration tokensStartupTimeout, Jwt jwt) {

    public static final Duration DEFAULT_TOKENS_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public SecurityProperties {
        enabled = enabled != null && enabled;
        policyCheckInterval = policyCheckInterval == null ? PolicyFile.DEFAULT_CHECK_INTERVAL : policyCheckInterval;
        tokensStartupTimeout = tokensStartupTimeout == null ? DEFAULT_TOKENS_STARTUP_TIMEOUT : tokensStartupTimeout;
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
        if (enabled && (policyFile == null || !Files.isRegularFile(policyFile))) {
            throw new IllegalArgumentException("fabric.security.enabled needs fabric.security.policy-file, a YAML"
                    + " policy (see docs/security.md); got: " + policyFile);
        }
    }

    /**
     * @param jwksUrl        the issuer's JSON Web Key Set, e.g. {@code https://idp.example/.well-known/jwks.json}
     * @param issuer         the {@code iss} every JWT must carry
     * @param audience       a value the {@code aud} of every JWT must contain
     * @param groupsClaim    the claim listing the principal's groups (default {@code groups})
     * @param principalClaim the claim naming the principal (default {@code sub})
     */
    public record Jwt(String jwksUrl, String issuer, String audience, String groupsClaim, String principalClaim) {

        public static final String DEFAULT_GROUPS_CLAIM = "groups";
        public static final String DEFAULT_PRINCIPAL_CLAIM = "sub";

        public Jwt {
            groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? DEFAULT_GROUPS_CLAIM : groupsClaim;
            principalClaim =
                    principalClaim == null || principalClaim.isBlank() ? DEFAULT_PRINCIPAL_CLAIM : principalClaim;
            if (enabled(jwksUrl) && (issuer == null || issuer.isBlank() || audience == null || audience.isBlank())) {
                throw new IllegalArgumentException("fabric.security.jwt.jwks-url needs fabric.security.jwt.issuer and"
                        + " fabric.security.jwt.audience: a JWT is only accepted from one issuer, for this fabric");
            }
        }

        public boolean enabled() {
            return enabled(jwksUrl);
        }

        private static boolean enabled(String jwksUrl) {
            return jwksUrl != null && !jwksUrl.isBlank();
        }
    }
}
