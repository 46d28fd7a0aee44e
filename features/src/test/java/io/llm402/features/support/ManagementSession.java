package io.llm402.features.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's login to the management API, as new-api's console holds it: the session cookie, and the user id it
 * sends as {@code New-Api-User} on every call.
 */
public record ManagementSession(String cookie, long id) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ROOT_PASSWORD = Pattern.compile("log in as 'root' with password (\\S+)");

    /** The root password a gateway started without a bootstrap file printed. */
    public static String printedRootPassword(GatewayProcess gateway) throws IOException {
        Matcher printed = ROOT_PASSWORD.matcher(gateway.output());
        assertThat(printed.find()).as("the gateway printed the root password").isTrue();
        return printed.group(1);
    }

    public static ManagementSession logIn(GatewayProcess gateway, String username, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> response = gateway.send("POST", "/api/user/login", Map.of(),
                JSON.writeValueAsString(Map.of("username", username, "password", password)));
        JsonNode data = ok(response);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new ManagementSession(cookie.substring(0, cookie.indexOf(';')), data.path("id").asLong());
    }

    public HttpResponse<String> call(GatewayProcess gateway, String method, String path, @Nullable Object body)
            throws IOException, InterruptedException {
        return gateway.send(method, path, Map.of("Cookie", cookie, "New-Api-User", Long.toString(id)),
                body == null ? null : JSON.writeValueAsString(body));
    }

    /** The envelope's data of a successful answer (status 200 and {@code success: true}). */
    public static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(response.body());
        assertThat(envelope.path("success").asBoolean()).as(response.body()).isTrue();
        return envelope.path("data");
    }
}
