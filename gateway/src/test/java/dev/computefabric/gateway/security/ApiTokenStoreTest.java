package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.schemas.tokens.ApiTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenStoreTest {

    static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

    final ApiTokenStore store = new ApiTokenStore();

    @Test
    void aStoredTokenAuthenticatesItsPrincipalWithItsGroups() {
        String token = ApiTokens.mint();
        store.onRecord(ApiTokens.idOf(token), record(token, null));

        assertThat(store.authenticate(token, NOW)).isEqualTo(new Caller("alice", Set.of("analysts")));
    }

    @Test
    void anUnknownTokenIsRefused() {
        assertThatThrownBy(() -> store.authenticate(ApiTokens.mint(), NOW))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("unknown or revoked");
    }

    @Test
    void aTombstoneRevokesTheToken() {
        String token = ApiTokens.mint();
        store.onRecord(ApiTokens.idOf(token), record(token, null));

        store.onRecord(ApiTokens.idOf(token), null);

        assertThatThrownBy(() -> store.authenticate(token, NOW)).hasMessageContaining("unknown or revoked");
    }

    @Test
    void aTokenIsRefusedFromItsExpiry() {
        String token = ApiTokens.mint();
        store.onRecord(ApiTokens.idOf(token), record(token, NOW.plus(Duration.ofMinutes(1))));

        assertThat(store.authenticate(token, NOW).name()).isEqualTo("alice");
        assertThatThrownBy(() -> store.authenticate(token, NOW.plus(Duration.ofMinutes(1))))
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenWhoseIdMatchesButWholeHashDoesNotIsRefused() {
        String token = ApiTokens.mint();
        ApiToken stored = record(token, null);
        stored.setSha256(ApiTokens.sha256(ApiTokens.mint()));
        store.onRecord(ApiTokens.idOf(token), stored);

        assertThatThrownBy(() -> store.authenticate(token, NOW)).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void theRefusalNeverContainsTheToken() {
        String token = ApiTokens.mint();
        assertThatThrownBy(() -> store.authenticate(token, NOW))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    private static ApiToken record(String token, Instant expiresAt) {
        return ApiToken.newBuilder()
                .setTokenId(ApiTokens.idOf(token))
                .setSha256(ApiTokens.sha256(token))
                .setPrincipal("alice")
                .setGroups(List.of("analysts"))
                .setCreatedAt(NOW.minus(Duration.ofHours(1)))
                .setExpiresAt(expiresAt)
                .build();
    }
}
