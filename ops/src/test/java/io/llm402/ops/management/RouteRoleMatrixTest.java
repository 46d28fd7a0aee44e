package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.account.api.Role;
import io.llm402.gateway.management.Access;
import io.llm402.gateway.management.ManagementRoutes;
import io.llm402.gateway.management.Route;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the management API, called as every kind of caller through the real login path: a guest gets 401,
 * a lower role 403 (both from the security layer, code {@code AUTH_…}), the right role gets past it. And the route
 * table lists exactly the routes the controllers serve: a route added without a row fails here.
 */
@Llm402AppTest
class RouteRoleMatrixTest {

    private static final String PASSWORD = "matrix-password-1";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theRouteTableListsExactlyTheApiRoutesTheControllersServe() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + path));
                    assertThat(info.getMethodsCondition().getMethods()).as("%s names its HTTP method", path)
                            .isNotEmpty();
                }
            }
        });
        Set<String> table = new TreeSet<>();
        ManagementRoutes.all().forEach(route -> table.add(route.method().name() + " " + route.path()));
        assertThat(served).as("routes the controllers serve, compared with the route table").isEqualTo(table);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAsEveryCaller() {
        ManagementClient client = new ManagementClient(port);
        Map<Role, String> usernames = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String username = "matrix-" + role.wireName();
            ManagementClient.createUser(commands, queries, username, PASSWORD, role);
            usernames.put(role, username);
        }
        Map<Role, Login> logins = new EnumMap<>(Role.class);
        usernames.forEach((role, username) -> logins.put(role, client.login(username, PASSWORD)));

        // Routes that end the caller's session or account run last, and the caller logs in again after a logout.
        List<Route> routes = new ArrayList<>(ManagementRoutes.all());
        routes.sort(Comparator.comparing(RouteRoleMatrixTest::endsTheSession));
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : routes) {
            tests.add(DynamicTest.dynamicTest(route + " as guest", () -> {
                Answer answer = call(client, Login.GUEST, route);
                if (isPublic(route)) {
                    assertNotRefusedBySecurity(answer, route);
                } else {
                    assertThat(answer.status()).as("%s as guest: %s", route, answer.body()).isEqualTo(401);
                    assertThat(answer.code()).startsWith("AUTH_");
                }
            }));
            for (Role role : Role.values()) {
                tests.add(DynamicTest.dynamicTest(route + " as " + role.wireName(), () -> {
                    Answer answer = call(client, logins.get(role), route);
                    if (isPublic(route) || allows(route.access(), role)) {
                        assertNotRefusedBySecurity(answer, route);
                    } else {
                        assertThat(answer.status()).as("%s as %s: %s", route, role, answer.body()).isEqualTo(403);
                        assertThat(answer.code()).isEqualTo("AUTH_INSUFFICIENT_PRIVILEGE");
                    }
                    if (route.path().equals("/api/user/logout")) {
                        logins.put(role, client.login(usernames.get(role), PASSWORD));
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static Answer call(ManagementClient client, Login caller, Route route) {
        String path = route.path().replace("{id}", "999999999").replace("{requestId}", "no-such-request")
                .replace("{provider}", "github");
        Object body = route.method().name().equals("POST") || route.method().name().equals("PUT") ? Map.of() : null;
        return client.call(caller, route.method().name(), path, body);
    }

    private static void assertNotRefusedBySecurity(Answer answer, Route route) {
        assertThat(answer.status() == 401 || answer.status() == 403 ? answer.code() : "")
                .as("%s was refused by the security layer: %s", route, answer.body()).doesNotStartWith("AUTH_");
    }

    private static boolean isPublic(Route route) {
        return route.access() == Access.GUEST || route.access() == Access.API_KEY;
    }

    private static boolean allows(Access access, Role role) {
        return switch (access) {
            case GUEST, API_KEY, USER -> true;
            case ADMIN -> role != Role.USER;
            case ROOT -> role == Role.ROOT;
        };
    }

    private static boolean endsTheSession(Route route) {
        return route.path().equals("/api/user/logout") || route.toString().equals("DELETE /api/user/self");
    }
}
