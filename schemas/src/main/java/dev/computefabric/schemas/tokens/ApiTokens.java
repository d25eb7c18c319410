package dev.computefabric.schemas.tokens;

import dev.computefabric.schemas.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API token format, shared by whoever mints tokens and the gateways that check them. A token is
 * {@value #PREFIX} and 32 random bytes, base64url: it is shown once, and only its SHA-256 is ever stored. Its id,
 * the first {@value #ID_LENGTH} hex digits of that hash, names it in lists and revocations without revealing it.
 */
public final class ApiTokens {

    /** Tells a fabric token from a JWT at a glance (a JWT starts with {@code ey}). */
    public static final String PREFIX = "cft_";

    public static final int SECRET_BYTES = 32;
    public static final int ID_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {}

    /** A new token; print it once, store only {@link #sha256}. */
    public static String mint() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static boolean looksLikeToken(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** SHA-256 of the token, lower-case hex. */
    public static String sha256(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of a token: names it in lists and revocations. */
    public static String idOf(String token) {
        return sha256(token).substring(0, ID_LENGTH);
    }

    /** Compares two hashes in constant time, so timing does not tell how much of a guess was right. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
