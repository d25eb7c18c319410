package dev.computefabric.gateway.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny OIDC issuer for the tests: an RSA key of its own, its public half served as a JWKS over HTTP, and RS256
 * JWTs signed with it (or, to be refused, with another key under the same key id). Plain JDK crypto, so the gateway's
 * decoder is checked against JWTs it did not make itself.
 */
final class JwtIssuer implements AutoCloseable {

    static final String KEY_ID = "it-key";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair key;
    private final KeyPair impostor;
    private final HttpServer server;

    JwtIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
            impostor = generator.generateKeyPair();
            byte[] jwks = jwks((RSAPublicKey) key.getPublic()).getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A JWT for {@code subject} in {@code groups}, valid for a minute from now. */
    String token(String issuer, String audience, String subject, List<String> groups) {
        return sign(key, claims(issuer, audience, subject, groups, Instant.now().plus(Duration.ofMinutes(1))));
    }

    /** Like {@link #token}, signed with a key the JWKS does not hold. */
    String forgedToken(String issuer, String audience, String subject, List<String> groups) {
        return sign(
                impostor,
                claims(issuer, audience, subject, groups, Instant.now().plus(Duration.ofMinutes(1))));
    }

    /** Like {@link #token}, expired two minutes ago (beyond the decoder's clock skew of one). */
    String expiredToken(String issuer, String audience, String subject, List<String> groups) {
        return sign(key, claims(issuer, audience, subject, groups, Instant.now().minus(Duration.ofMinutes(2))));
    }

    private static Map<String, Object> claims(
            String issuer, String audience, String subject, List<String> groups, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("groups", groups);
        claims.put("iat", expires.minus(Duration.ofMinutes(5)).getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        return claims;
    }

    private static String sign(KeyPair with, Map<String, Object> claims) {
        String header = Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .reduce((a, b) -> a + "," + b)
                .map(fields -> "{" + fields + "}")
                .orElseThrow();
        String signingInput = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(with.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RSAPublicKey key) {
        return JSON.writeValueAsString(Map.of(
                "keys",
                List.of(Map.of(
                        "kty",
                        "RSA",
                        "kid",
                        KEY_ID,
                        "use",
                        "sig",
                        "alg",
                        "RS256",
                        "n",
                        unsigned(key.getModulus()),
                        "e",
                        unsigned(key.getPublicExponent())))));
    }

    /** A JWK's big integers are unsigned big-endian, base64url. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64URL.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
