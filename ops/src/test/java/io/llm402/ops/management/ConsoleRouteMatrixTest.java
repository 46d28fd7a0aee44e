package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.console.ConsoleRoutes;
import io.llm402.domain.account.api.Role;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every console page opened by every kind of visitor through the real login: a guest is sent to the login page, a
 * lower role gets 403, the right role the page. The console's route table lists exactly the pages its controllers
 * serve; anything else under {@code /console}, and anything but GET, is refused.
 */
@Llm402AppTest
class ConsoleRouteMatrixTest {

    private static final String PASSWORD = "console-password-1";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRouteTableListsExactlyThePagesTheControllersServe() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String path : info.getPatternValues()) {
                if (path.equals("/console") || path.startsWith("/console/")) {
                    assertThat(info.getMethodsCondition().getMethods()).as(path).extracting(Enum::name)
                            .containsExactly("GET");
                    served.add(path);
                }
            }
        });
        Set<String> table = new TreeSet<>();
        ConsoleRoutes.all().forEach(page -> table.add(page.path()));
        assertThat(served).isEqualTo(table);
    }

    @TestFactory
    Stream<DynamicTest> everyPageAsEveryVisitor() {
        ManagementClient client = new ManagementClient(port);
        Map<Role, Login> logins = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String username = "console-" + role.wireName();
            ManagementClient.createUser(commands, queries, username, PASSWORD, role);
            logins.put(role, client.login(username, PASSWORD));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ConsoleRoutes.Page page : ConsoleRoutes.all()) {
            String path = page.path().replace("{requestId}", "req_0123456789abcdef");
            tests.add(DynamicTest.dynamicTest(page.path() + " as guest", () -> {
                HttpResponse<String> answer = get(path, null);
                if (page.access() == ConsoleRoutes.Access.GUEST) {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                } else {
                    assertThat(answer.statusCode()).isEqualTo(302);
                    assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(location ->
                            assertThat(location).endsWith("/console/login"));
                }
            }));
            for (Role role : Role.values()) {
                tests.add(DynamicTest.dynamicTest(page.path() + " as " + role.wireName(), () -> {
                    HttpResponse<String> answer = get(path, logins.get(role).cookie());
                    if (allows(page.access(), role)) {
                        // The login page sends a logged-in visitor on; an unknown receipt is a 404; else the page.
                        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 302, 404);
                        assertThat(answer.body()).doesNotContain("You do not have permission");
                    } else {
                        assertThat(answer.statusCode()).isEqualTo(403);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void pagesBeyondTheTableAndWritesAreRefused() throws Exception {
        Login admin = loginAs("console-extra-admin", Role.ADMIN);

        assertThat(get("/console/admin/no-such-page", admin.cookie()).statusCode()).isEqualTo(403);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/console/keys")).header("Cookie", admin.cookie())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
    }

    @Test
    void onlyTheLoginPageMayRunTelegramsWidget() throws Exception {
        Login user = loginAs("console-csp", Role.USER);

        String login = get("/console/login", null).headers().firstValue("Content-Security-Policy").orElseThrow();
        String keys = get("/console/keys", user.cookie()).headers().firstValue("Content-Security-Policy")
                .orElseThrow();

        assertThat(login).contains("script-src 'self' https://telegram.org;", "frame-src https://oauth.telegram.org",
                "frame-ancestors 'none'");
        assertThat(keys).contains("script-src 'self';", "frame-ancestors 'none'").doesNotContain("telegram");
    }

    @Test
    void aSecondPageOfKeysLinksBackToTheFirst() throws Exception {
        Login user = loginAs("console-pager", Role.USER);

        HttpResponse<String> second = get("/console/keys?page=1", user.cookie());

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("href=\"/console/keys?keyword=&amp;page=0\"");
    }

    private Login loginAs(String username, Role role) {
        ManagementClient client = new ManagementClient(port);
        ManagementClient.createUser(commands, queries, username, PASSWORD, role);
        return client.login(username, PASSWORD);
    }

    private HttpResponse<String> get(String path, @Nullable String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean allows(ConsoleRoutes.Access access, Role role) {
        return switch (access) {
            case GUEST, USER -> true;
            case ADMIN -> role != Role.USER;
            case ROOT -> role == Role.ROOT;
        };
    }
}
