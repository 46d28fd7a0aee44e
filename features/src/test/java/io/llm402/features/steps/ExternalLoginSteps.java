package io.llm402.features.steps;

import static io.llm402.features.support.ManagementSession.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.features.support.ManagementSession;
import io.llm402.ops.testsupport.FakeOAuthProvider;
import io.llm402.ops.testsupport.HandMadeOidcProvider;
import io.llm402.ops.testsupport.LoginBrowser;
import io.llm402.ops.testsupport.TelegramPayloads;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A browser walking the external logins' redirects with a cookie jar, against loopback providers. */
public class ExternalLoginSteps {

    private static final String BOT_TOKEN = "123456789:FEATURE-bot-token";

    private GatewayProcess gateway;
    private FakeOAuthProvider github;
    private FakeOAuthProvider linuxDo;
    private HandMadeOidcProvider oidc;
    private final Map<String, ManagementSession> sessions = new LinkedHashMap<>();
    private LoginBrowser browser;
    private String lastLocation = "";
    private String telegramPayload;
    private HttpResponse<String> telegramAnswer;
    private HttpResponse<String> callbackAnswer;

    @After("@logins")
    public void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (AutoCloseable provider : new AutoCloseable[] {github, linuxDo, oidc}) {
            if (provider != null) {
                provider.close();
            }
        }
    }

    @Given("a gateway whose root turned on the GitHub, LINUX DO, OIDC and Telegram logins")
    public void aGatewayWithExternalLogins() throws Exception {
        github = new FakeOAuthProvider("gh-client", "gh-secret");
        linuxDo = new FakeOAuthProvider("ld-client", "ld-secret");
        oidc = new HandMadeOidcProvider("llm402");
        gateway = new Installation().start();
        gateway.awaitReady();
        sessions.put("root", ManagementSession.logIn(gateway, "root",
                ManagementSession.printedRootPassword(gateway)));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("ServerAddress", "http://127.0.0.1:" + gateway.port());
        github.registeredCallback = "http://127.0.0.1:" + gateway.port() + "/oauth/github";
        options.put("GitHubOAuthEnabled", "true");
        options.put("GitHubClientId", "gh-client");
        options.put("GitHubClientSecret", "gh-secret");
        options.put("GitHubAuthorizationEndpoint", github.url("/authorize"));
        options.put("GitHubTokenEndpoint", github.url("/token"));
        options.put("GitHubApiEndpoint", github.url(""));
        options.put("LinuxDOOAuthEnabled", "true");
        options.put("LinuxDOClientId", "ld-client");
        options.put("LinuxDOClientSecret", "ld-secret");
        options.put("LinuxDOAuthorizationEndpoint", linuxDo.url("/authorize"));
        options.put("LinuxDOTokenEndpoint", linuxDo.url("/token"));
        options.put("LinuxDOUserEndpoint", linuxDo.url("/user"));
        options.put("LinuxDOMinimumTrustLevel", "1");
        options.put("oidc.enabled", "true");
        options.put("oidc.client_id", "llm402");
        options.put("oidc.client_secret", "oidc-secret");
        options.put("oidc.well_known", oidc.issuer() + "/.well-known/openid-configuration");
        options.put("TelegramOAuthEnabled", "true");
        options.put("TelegramBotName", "llm402_feature_bot");
        options.put("TelegramBotToken", BOT_TOKEN);
        for (Map.Entry<String, String> option : options.entrySet()) {
            ok(call("root", "PUT", "/api/option/", Map.of("key", option.getKey(), "value", option.getValue())));
        }
    }

    @Given("the user {string} with the password {string}")
    public void theUser(String username, String password) throws Exception {
        ok(call("root", "POST", "/api/user/", Map.of("username", username, "password", password)));
        sessions.put(username, ManagementSession.logIn(gateway, username, password));
    }

    @When("a( new) browser logs in with {provider} as the account {word} named {string}")
    public void aBrowserLogsIn(String provider, String subject, String name) {
        logIn(new LoginBrowser(gateway.port()), provider, subject, name, 2);
    }

    @When("a browser logs in with {provider} as the account {word} named {string} at trust level {int}")
    public void aBrowserLogsInAtTrustLevel(String provider, String subject, String name, int trustLevel) {
        logIn(new LoginBrowser(gateway.port()), provider, subject, name, trustLevel);
    }

    @When("{string} starts a GitHub bind and her/his browser logs in with GitHub as the account {word} named {string}")
    public void startsABind(String username, String subject, String name) throws Exception {
        JsonNode start = ok(call(username, "POST", "/api/user/oauth/github/bind", Map.of()));
        assertThat(start.path("url").asString()).isEqualTo("/oauth2/authorization/github");
        logIn(sessionBrowser(username), "github", subject, name, 2);
    }

    @When("{string} starts a Telegram bind and her/his browser sends the widget's payload for Telegram id {word}")
    public void startsATelegramBind(String username, String telegramId) throws Exception {
        ok(call(username, "POST", "/api/user/oauth/telegram/bind", Map.of()));
        browser = sessionBrowser(username);
        lastLocation = browser.walk("/api/oauth/telegram/bind?"
                + TelegramPayloads.signed(telegramId, Instant.now().minusSeconds(1), BOT_TOKEN)).lastLocation();
    }

    @When("the widget's login for Telegram id {word} is sent")
    public void theWidgetsLogin(String telegramId) throws Exception {
        telegramPayload = TelegramPayloads.signed(telegramId, Instant.now(), BOT_TOKEN);
        telegramAnswer = gateway.send("GET", "/api/oauth/telegram/login?" + telegramPayload, Map.of(), null);
    }

    @When("new-api's console logs in with GitHub as the account {word} named {string}")
    public void newApisConsoleLogsIn(String subject, String name) {
        github.nextUser = Map.of("id", Long.parseLong(subject), "login", name);
        browser = new LoginBrowser(gateway.port());
        String state = ok(browser.get("/api/oauth/state")).asString();
        // new-api's console builds the provider's URL itself; the provider then opens the console's callback page,
        // which hands the code and state to the gateway.
        String callbackPage = browser.get(github.url("/authorize?client_id=gh-client&scope=user:email&state="
                + state)).headers().firstValue("Location").orElseThrow();
        assertThat(callbackPage).startsWith("http://127.0.0.1:" + gateway.port() + "/oauth/github?code=");
        callbackAnswer = browser.get("/api/oauth/github?" + URI.create(callbackPage).getRawQuery());
    }

    @Then("the callback page is answered with the user {string}, logged in")
    public void theCallbackPageIsAnswered(String username) throws Exception {
        assertThat(ok(callbackAnswer).path("username").asString()).isEqualTo(username);
        assertThat(ok(asBrowser(username).call(gateway, "GET", "/api/user/self", null)).path("username").asString())
                .isEqualTo(username);
    }

    @Then("the user {string} shows the GitHub id {word}")
    public void theUserShowsTheGitHubId(String username, String subject) throws Exception {
        assertThat(ok(asBrowser(username).call(gateway, "GET", "/api/user/self", null)).path("github_id").asString())
                .isEqualTo(subject);
    }

    @Then("that login answers as {string}")
    public void thatLoginAnswersAs(String username) {
        assertThat(ok(telegramAnswer).path("username").asString()).isEqualTo(username);
    }

    @Then("the same payload sent again is refused")
    public void theSamePayloadIsRefused() throws Exception {
        HttpResponse<String> again = gateway.send("GET", "/api/oauth/telegram/login?" + telegramPayload, Map.of(),
                null);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("already used");
    }

    @Then("the browser is in the console, logged in as {string}")
    public void theBrowserIsLoggedIn(String username) throws Exception {
        assertThat(lastLocation).isEqualTo("/console");
        assertThat(browser.get("/console").statusCode()).as("the console's dashboard opens with this session")
                .isEqualTo(200);
        assertThat(ok(asBrowser(username).call(gateway, "GET", "/api/user/self", null)).path("username").asString())
                .isEqualTo(username);
    }

    @Then("the browser is in the console with {provider} bound")
    public void theBrowserIsInTheConsoleWithABinding(String provider) {
        assertThat(lastLocation).isEqualTo("/console?bound=" + provider);
    }

    @Then("the user {string} has a {provider} binding")
    public void theUserHasABinding(String username, String provider) throws Exception {
        JsonNode bindings = ok(asBrowser(username).call(gateway, "GET", "/api/user/self/bindings", null));
        assertThat(bindings.valueStream().map(binding -> binding.path("provider").asString()))
                .containsExactly(provider);
    }

    @Then("the browser is on the login page with the error {string}")
    public void theBrowserIsOnTheLoginPage(String error) {
        assertThat(lastLocation).startsWith("/console/login?error=");
        assertThat(URLDecoder.decode(lastLocation.substring("/console/login?error=".length()),
                StandardCharsets.UTF_8)).contains(error);
    }

    @ParameterType("GitHub|LINUX DO|OIDC|Telegram")
    public String provider(String name) {
        return switch (name) {
            case "GitHub" -> "github";
            case "LINUX DO" -> "linuxdo";
            case "OIDC" -> "oidc";
            default -> "telegram";
        };
    }

    private void logIn(LoginBrowser walker, String provider, String subject, String name, int trustLevel) {
        switch (provider) {
            case "github" -> github.nextUser = Map.of("id", Long.parseLong(subject), "login", name);
            case "linuxdo" -> linuxDo.nextUser = Map.of("id", Long.parseLong(subject), "username", name,
                    "trust_level", trustLevel, "active", true, "silenced", false);
            default -> {
                oidc.subject = subject;
                oidc.preferredUsername = name;
            }
        }
        browser = walker;
        lastLocation = walker.walk("/oauth2/authorization/" + provider).lastLocation();
    }

    private LoginBrowser sessionBrowser(String username) {
        return LoginBrowser.withSession(gateway.port(), sessions.get(username).cookie());
    }

    /** The browser's session, speaking as {@code username} (found through root's user search). */
    private ManagementSession asBrowser(String username) throws Exception {
        JsonNode users = ok(call("root", "GET", "/api/user/search?keyword=" + username, null));
        for (JsonNode user : users.path("items")) {
            if (user.path("username").asString().equals(username)) {
                return new ManagementSession(browser.sessionCookie(), user.path("id").asLong());
            }
        }
        throw new AssertionError("no user " + username + " in " + users);
    }

    private HttpResponse<String> call(String who, String method, String path, @Nullable Object body) throws Exception {
        return sessions.get(who).call(gateway, method, path, body);
    }
}
