package io.llm402.ops.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OIDC provider small enough to get wrong on purpose: its ID tokens are signed in this test with Nimbus, and
 * {@link #flaw} makes the next one carry exactly one defect mock-oauth2-server cannot produce (a foreign signing key
 * under the published key id, another audience, another issuer, another nonce).
 */
public final class HandMadeOidcProvider implements AutoCloseable {

    public enum Flaw { NONE, FOREIGN_KEY, OTHER_AUDIENCE, OTHER_ISSUER, OTHER_NONCE }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey foreignKey;
    private final String clientId;
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    public volatile Flaw flaw = Flaw.NONE;
    public volatile String subject = "someone";
    /** Put in the ID token as {@code preferred_username} when set. */
    public volatile String preferredUsername;

    public HandMadeOidcProvider(String clientId) throws Exception {
        this.clientId = clientId;
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        foreignKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", e -> answer(e, Map.of(
                "issuer", issuer(), "authorization_endpoint", issuer() + "/authorize",
                "token_endpoint", issuer() + "/token", "jwks_uri", issuer() + "/jwks",
                "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"))));
        server.createContext("/jwks", e -> answer(e, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        nonces.put(code, String.valueOf(query.get("nonce")));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String nonce = nonces.remove(String.valueOf(body.get("code")));
        if (nonce == null) {
            answer(exchange, Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(flaw == Flaw.OTHER_ISSUER ? "http://127.0.0.1:1/elsewhere" : issuer())
                .subject(subject)
                .audience(flaw == Flaw.OTHER_AUDIENCE ? "another-client" : clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", flaw == Flaw.OTHER_NONCE ? "not-the-nonce" : nonce)
                .claim("preferred_username", preferredUsername)
                .build();
        try {
            SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
            idToken.sign(new RSASSASigner(flaw == Flaw.FOREIGN_KEY ? foreignKey : key));
            answer(exchange, Map.of("access_token", "at-" + UUID.randomUUID(), "token_type", "Bearer",
                    "expires_in", 300, "id_token", idToken.serialize()));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
