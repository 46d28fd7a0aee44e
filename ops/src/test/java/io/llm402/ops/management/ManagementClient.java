package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.RegisterUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.projections.access.api.FindUserByUsernameQuery;
import io.llm402.projections.access.api.UserView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the management API as new-api's console does: a session cookie or an access token, and New-Api-User. */
final class ManagementClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    ManagementClient(int port) {
        this.port = port;
    }

    /** A caller: their session cookie (or access token) and their numeric id; {@code GUEST} has neither. */
    record Login(@Nullable String cookie, @Nullable String accessToken, long id) {

        static final Login GUEST = new Login(null, null, 0);

        Login withAccessToken(String token) {
            return new Login(null, token, id);
        }
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {

        boolean success() {
            return body.path("success").asBoolean(false);
        }

        String code() {
            return body.path("code").asString("");
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    /**
     * A user made directly through the command bus, as the bootstrap file would, once the read model shows them (a
     * login before that would count as a failed attempt against the login throttle).
     */
    static void createUser(CommandGateway commands, QueryGateway queries, String username, String password,
                           Role role) {
        commands.sendAndWait(new RegisterUserCommand(NaturalIds.userId(username),
                new UserProfile(username, role, "default"), username, null, password, Actor.BOOTSTRAP));
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.query(new FindUserByUsernameQuery(username),
                ResponseTypes.optionalInstanceOf(UserView.class)).join().isPresent());
    }

    Login login(String username, String password) {
        Answer answer = call(Login.GUEST, "POST", "/api/user/login", Map.of("username", username, "password",
                password));
        assertThat(answer.status()).as("login of %s: %s", username, answer.body()).isEqualTo(200);
        String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(setCookie.substring(0, setCookie.indexOf(';')), null, answer.data().path("id").asLong());
    }

    Answer call(Login caller, String method, String path, @Nullable Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (caller.cookie() != null) {
            request.header("Cookie", caller.cookie());
        }
        if (caller.accessToken() != null) {
            request.header("Authorization", caller.accessToken());
        }
        if (caller.id() != 0) {
            request.header("New-Api-User", Long.toString(caller.id()));
        }
        return send(request.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().isBlank() || !isJson ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
