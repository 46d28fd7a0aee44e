package io.llm402.gateway.management;

import static io.llm402.gateway.management.Access.ADMIN;
import static io.llm402.gateway.management.Access.API_KEY;
import static io.llm402.gateway.management.Access.GUEST;
import static io.llm402.gateway.management.Access.ROOT;
import static io.llm402.gateway.management.Access.USER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Every route under {@code /api}, with who may call it: the one table the security configuration is built from
 * and a test checks against the controllers (a route missing here is denied to everyone, and fails that test).
 */
public final class ManagementRoutes {

    private static final List<Route> ROUTES = new ArrayList<>();

    static {
        // Public.
        route(GET, "/api/status", GUEST);
        route(GET, "/api/openapi", GUEST);
        route(GET, "/api/openapi.yaml", GUEST);
        route(GET, "/api/setup", GUEST);
        route(POST, "/api/setup", GUEST);
        route(POST, "/api/user/register", GUEST);
        route(POST, "/api/user/login", GUEST);
        route(POST, "/api/user/login/2fa", GUEST);
        route(GET, "/api/user/groups", GUEST);
        route(GET, "/api/oauth/state", GUEST);
        // new-api's console hands the provider's code here; the state it asked for decides login or bind.
        route(GET, "/api/oauth/{provider}", GUEST);
        route(GET, "/api/oauth/telegram/login", GUEST);
        route(GET, "/api/oauth/telegram/login/redirect", GUEST);
        // Checks the session's own bind intent: the widget's redirect is a plain GET without New-Api-User.
        route(GET, "/api/oauth/telegram/bind", GUEST);
        // Authenticated by the caller's API key, not by a login.
        route(GET, "/api/usage/token", API_KEY);
        route(GET, "/api/usage/requests", API_KEY);
        route(GET, "/api/usage/requests/{requestId}", API_KEY);
        route(POST, "/api/x402/topup", API_KEY);
        // Oneself.
        route(GET, "/api/user/logout", USER);
        route(POST, "/api/user/logout", USER);
        route(GET, "/api/user/self", USER);
        route(GET, "/api/user/self/groups", USER);
        route(GET, "/api/user/models", USER);
        sessionOnly(PUT, "/api/user/self", USER);
        sessionOnly(DELETE, "/api/user/self", USER);
        sessionOnly(GET, "/api/user/token", USER);
        route(GET, "/api/user/2fa/status", USER);
        route(GET, "/api/user/self/bindings", USER);
        sessionOnly(DELETE, "/api/user/self/bindings/{provider}", USER);
        sessionOnly(POST, "/api/user/oauth/{provider}/bind", USER);
        sessionOnly(POST, "/api/user/2fa/setup", USER);
        sessionOnly(POST, "/api/user/2fa/enable", USER);
        sessionOnly(POST, "/api/user/2fa/disable", USER);
        sessionOnly(POST, "/api/user/2fa/backup_codes", USER);
        route(GET, "/api/log/self", USER);
        route(GET, "/api/log/self/search", USER);
        route(GET, "/api/log/self/stat", USER);
        route(GET, "/api/data/self", USER);
        route(POST, "/api/user/topup", USER);
        route(GET, "/api/token/", USER);
        route(GET, "/api/token/search", USER);
        route(GET, "/api/token/{id}", USER);
        route(POST, "/api/token/", USER);
        route(PUT, "/api/token/", USER);
        route(DELETE, "/api/token/{id}", USER);
        route(POST, "/api/token/batch", USER);
        route(POST, "/api/token/{id}/key", USER);
        // Administration.
        route(GET, "/api/status/cluster", ADMIN);
        route(GET, "/api/user/", ADMIN);
        route(GET, "/api/user/search", ADMIN);
        route(GET, "/api/user/{id}", ADMIN);
        route(POST, "/api/user/", ADMIN);
        route(PUT, "/api/user/", ADMIN);
        route(POST, "/api/user/manage", ADMIN);
        route(DELETE, "/api/user/{id}", ADMIN);
        route(DELETE, "/api/user/{id}/2fa", ADMIN);
        route(DELETE, "/api/user/{id}/bindings/{provider}", ADMIN);
        route(GET, "/api/user/2fa/stats", ADMIN);
        route(GET, "/api/channel/", ADMIN);
        route(GET, "/api/channel/search", ADMIN);
        route(GET, "/api/channel/{id}", ADMIN);
        route(POST, "/api/channel/", ADMIN);
        route(PUT, "/api/channel/", ADMIN);
        route(DELETE, "/api/channel/{id}", ADMIN);
        route(POST, "/api/channel/{id}/key", ADMIN);
        route(GET, "/api/channel/test", ADMIN);
        route(GET, "/api/channel/test/{id}", ADMIN);
        route(POST, "/api/channel/multi_key/manage", ADMIN);
        route(GET, "/api/group/", ADMIN);
        route(GET, "/api/redemption/", ADMIN);
        route(GET, "/api/redemption/search", ADMIN);
        route(GET, "/api/redemption/{id}", ADMIN);
        route(POST, "/api/redemption/", ADMIN);
        route(PUT, "/api/redemption/", ADMIN);
        route(DELETE, "/api/redemption/{id}", ADMIN);
        route(DELETE, "/api/redemption/invalid", ADMIN);
        route(GET, "/api/log/", ADMIN);
        route(GET, "/api/log/search", ADMIN);
        route(GET, "/api/log/stat", ADMIN);
        route(GET, "/api/data/", ADMIN);
        // The installation's options: prices, ratios, login switches.
        route(GET, "/api/option/", ROOT);
        route(PUT, "/api/option/", ROOT);
    }

    private ManagementRoutes() {
    }

    public static List<Route> all() {
        return List.copyOf(ROUTES);
    }

    private static void route(HttpMethod method, String path, Access access) {
        ROUTES.add(new Route(method, path, access, false));
    }

    private static void sessionOnly(HttpMethod method, String path, Access access) {
        ROUTES.add(new Route(method, path, access, true));
    }
}
