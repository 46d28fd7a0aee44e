package io.llm402.ops.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback stand-in for GitHub's or LINUX DO's OAuth2 endpoints, strict where the real ones are: the authorize
 * step hands out a one-time code bound to the PKCE challenge (if any: new-api's console sends none) and redirect URI
 * (the app's registered callback when the request names none, as GitHub does); the token step checks the client's
 * Basic credentials, the code, the redirect URI and the PKCE verifier exactly when there was a challenge (answering
 * 200 with {@code error}, as GitHub does, when the code is bad); the user endpoint answers whoever {@link #nextUser}
 * names, for the right token only.
 */
public final class FakeOAuthProvider implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Grant(@Nullable String challenge, String redirectUri, Map<String, Object> user) {
    }

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> tokens = new ConcurrentHashMap<>();
    public volatile Map<String, Object> nextUser = Map.of();
    public volatile int tokenRequests;
    /** What {@code /user/emails} answers (GitHub's list of the user's addresses). */
    public volatile List<Map<String, Object>> emails = List.of();
    /** The callback URL the OAuth app is registered with, used when an authorize request names none. */
    public volatile String registeredCallback = "";

    public FakeOAuthProvider(String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/user", this::user);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String challenge = query.get("code_challenge");
        if (!clientId.equals(query.get("client_id")) || query.get("state") == null
                || (challenge != null && !"S256".equals(query.get("code_challenge_method")))) {
            answer(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String redirectUri = query.getOrDefault("redirect_uri", registeredCallback);
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(challenge, redirectUri, nextUser));
        exchange.getResponseHeaders().add("Location", redirectUri + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests++;
        String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(body.get("code")));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, Map.of("error", "invalid_client"));
        } else if (grant == null || !grant.redirectUri().equals(body.get("redirect_uri"))
                || !verified(grant.challenge(), body.get("code_verifier"))) {
            answer(exchange, 200, Map.of("error", "bad_verification_code"));
        } else {
            String token = "at-" + UUID.randomUUID();
            tokens.put(token, grant.user());
            answer(exchange, 200, Map.of("access_token", token, "token_type", "bearer", "scope", "read:user"));
        }
    }

    /** A code issued with a challenge needs its verifier; one issued without takes none. */
    private static boolean verified(@Nullable String challenge, @Nullable String verifier) {
        return challenge == null ? verifier == null : verifier != null && challenge.equals(s256(verifier));
    }

    private void user(HttpExchange exchange) throws IOException {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Map<String, Object> user = tokens.get(authorization.replaceFirst("(?i)^bearer ", ""));
        if (user == null) {
            answer(exchange, 401, Map.of("message", "Bad credentials"));
        } else if (exchange.getRequestURI().getPath().equals("/user/emails")) {
            answer(exchange, 200, emails);
        } else {
            answer(exchange, 200, user);
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (raw == null) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
