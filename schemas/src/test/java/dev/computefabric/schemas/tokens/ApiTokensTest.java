package dev.computefabric.schemas.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void aTokenIsThePrefixAnd32RandomBytesUrlSafe() {
        String token = ApiTokens.mint();

        assertThat(token).startsWith(ApiTokens.PREFIX).matches("cft_[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token.substring(ApiTokens.PREFIX.length())))
                .hasSize(ApiTokens.SECRET_BYTES);
        assertThat(ApiTokens.mint()).isNotEqualTo(token);
    }

    @Test
    void theIdIsTheStartOfTheHashAndRevealsNothingElse() {
        String token = ApiTokens.mint();

        assertThat(ApiTokens.sha256(token)).hasSize(64).startsWith(ApiTokens.idOf(token));
        assertThat(ApiTokens.idOf(token)).hasSize(ApiTokens.ID_LENGTH);
    }

    @Test
    void hashesCompareByValue() {
        String hash = ApiTokens.sha256("cft_x");
        assertThat(ApiTokens.sameHash(hash, ApiTokens.sha256("cft_x"))).isTrue();
        assertThat(ApiTokens.sameHash(hash, ApiTokens.sha256("cft_y"))).isFalse();
    }
}
