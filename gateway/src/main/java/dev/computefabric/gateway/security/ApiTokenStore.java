package dev.computefabric.gateway.security;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.schemas.tokens.ApiTokens;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API tokens this gateway accepts, as {@code fabric.tokens} says: their hashes, principals, groups and expiry,
 * by token id. A tombstone removes a token, so a revocation takes effect as soon as this gateway reads it.
 */
public final class ApiTokenStore {

    private final Map<String, ApiToken> byId = new ConcurrentHashMap<>();

    /** A record of {@code fabric.tokens}; null revokes. */
    public void onRecord(String tokenId, ApiToken token) {
        if (token == null) {
            byId.remove(tokenId);
        } else {
            byId.put(tokenId, token);
        }
    }

    /**
     * Who {@code token} stands for.
     *
     * @throws InvalidCredentialsException unknown, revoked or expired
     */
    Caller authenticate(String token, Instant now) {
        ApiToken stored = byId.get(ApiTokens.idOf(token));
        if (stored == null || !ApiTokens.sameHash(stored.getSha256(), ApiTokens.sha256(token))) {
            throw new InvalidCredentialsException(
                    "the API token is unknown or revoked; ask an operator for one: ./fabric tokens create");
        }
        if (stored.getExpiresAt() != null && !now.isBefore(stored.getExpiresAt())) {
            throw new InvalidCredentialsException("the API token " + stored.getTokenId() + " expired at "
                    + stored.getExpiresAt() + "; ask an operator for a new one");
        }
        return new Caller(stored.getPrincipal(), new HashSet<>(stored.getGroups()));
    }

    int size() {
        return byId.size();
    }
}
