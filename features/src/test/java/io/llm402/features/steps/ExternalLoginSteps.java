package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.ops.testsupport.FakeOAuthProvider;
import io.llm402.ops.testsupport.HandMadeOidcProvider;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser walking the external logins' redirects with a cookie jar, against loopback providers. */
public class ExternalLoginSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ROOT_PASSWORD = Pattern.compile("log in as 'root' with password (\\S+)");
    private static final String BOT_TOKEN = "123456789:FEATURE-bot-token";

    private GatewayProcess gateway;
    private FakeOAuthProvider github;
    private FakeOAuthProvider linuxDo;
    private HandMadeOidcProvider oidc;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private Browser browser;
    private String lastLocation = "";
    private String telegramPayload;
    private HttpResponse<String> telegramAnswer;

    private record Session(String cookie, long id) {
    }

    @After("@logins")
    public void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        for (AutoCloseable provider : new AutoCloseable[] {github, linuxDo, oidc}) {
            try {
                if (provider != null) {
                    provider.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
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
        Matcher printed = ROOT_PASSWORD.matcher(gateway.output());
        assertThat(printed.find()).isTrue();
        sessions.put("root", login("root", printed.group(1)));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("ServerAddress", "http://127.0.0.1:" + gateway.port());
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
        sessions.put(username, login(username, password));
    }

    @When("a( new) browser logs in with {provider} as the account {word} named {string}")
    public void aBrowserLogsIn(String provider, String subject, String name) {
        logIn(new Browser(), provider, subject, name, 2);
    }

    @When("a browser logs in with {provider} as the account {word} named {string} at trust level {int}")
    public void aBrowserLogsInAtTrustLevel(String provider, String subject, String name, int trustLevel) {
        logIn(new Browser(), provider, subject, name, trustLevel);
    }

    @When("{string} starts a GitHub bind and her/his browser logs in with GitHub as the account {word} named {string}")
    public void startsABind(String username, String subject, String name) throws Exception {
        JsonNode start = ok(call(username, "POST", "/api/user/oauth/github/bind", Map.of()));
        assertThat(start.path("url").asString()).isEqualTo("/oauth2/authorization/github");
        logIn(new Browser(sessions.get(username)), "github", subject, name, 2);
    }

    @When("{string} starts a Telegram bind and her/his browser sends the widget's payload for Telegram id {long}")
    public void startsATelegramBind(String username, long telegramId) throws Exception {
        ok(call(username, "POST", "/api/user/oauth/telegram/bind", Map.of()));
        browser = new Browser(sessions.get(username));
        lastLocation = browser.walk("/api/oauth/telegram/bind?" + signed(telegramId, Instant.now().minusSeconds(1)));
    }

    @When("the widget's login for Telegram id {long} is sent")
    public void theWidgetsLogin(long telegramId) throws Exception {
        telegramPayload = signed(telegramId, Instant.now());
        telegramAnswer = gateway.send("GET", "/api/oauth/telegram/login?" + telegramPayload, Map.of(), null);
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
        HttpResponse<String> console = browser.get("/console");
        assertThat(console.statusCode()).as("the console's dashboard opens with this session").isEqualTo(200);
        HttpResponse<String> self = browser.api("/api/user/self", userNumber(username));
        assertThat(ok(self).path("username").asString()).isEqualTo(username);
    }

    @Then("the browser is in the console with {provider} bound")
    public void theBrowserIsInTheConsoleWithABinding(String provider) {
        assertThat(lastLocation).isEqualTo("/console?bound=" + provider);
    }

    @Then("the user {string} has a {provider} binding")
    public void theUserHasABinding(String username, String provider) throws Exception {
        HttpResponse<String> bindings = browser.api("/api/user/self/bindings", userNumber(username));
        assertThat(ok(bindings).valueStream().map(binding -> binding.path("provider").asString()))
                .containsExactly(provider);
    }

    private long userNumber(String username) throws Exception {
        JsonNode users = ok(call("root", "GET", "/api/user/search?keyword=" + username, null));
        for (JsonNode user : users.path("items")) {
            if (user.path("username").asString().equals(username)) {
                return user.path("id").asLong();
            }
        }
        throw new AssertionError("no user " + username + " in " + users);
    }

    @Then("the browser is on the login page with the error {string}")
    public void theBrowserIsOnTheLoginPage(String error) {
        assertThat(lastLocation).startsWith("/console/login?error=");
        assertThat(URLDecoder.decode(lastLocation.substring("/console/login?error=".length()),
                StandardCharsets.UTF_8)).contains(error);
    }

    @io.cucumber.java.ParameterType("GitHub|LINUX DO|OIDC|Telegram")
    public String provider(String name) {
        return switch (name) {
            case "GitHub" -> "github";
            case "LINUX DO" -> "linuxdo";
            case "OIDC" -> "oidc";
            default -> "telegram";
        };
    }

    private void logIn(Browser walker, String provider, String subject, String name, int trustLevel) {
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
        lastLocation = walker.walk("/oauth2/authorization/" + provider);
    }

    private Session login(String username, String password) throws Exception {
        HttpResponse<String> response = gateway.send("POST", "/api/user/login", Map.of(),
                JSON.writeValueAsString(Map.of("username", username, "password", password)));
        JsonNode data = ok(response);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(cookie.substring(0, cookie.indexOf(';')), data.path("id").asLong());
    }

    private HttpResponse<String> call(String who, String method, String path, @Nullable Object body)
            throws IOException, InterruptedException {
        Session session = sessions.get(who);
        return gateway.send(method, path, Map.of("Cookie", session.cookie(), "New-Api-User",
                Long.toString(session.id())), body == null ? null : JSON.writeValueAsString(body));
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(response.body());
        assertThat(envelope.path("success").asBoolean()).as(response.body()).isTrue();
        return envelope.path("data");
    }

    /** The Telegram Login Widget's fields, signed as Telegram signs them, as a query string. */
    private static String signed(long telegramId, Instant at) {
        Map<String, String> fields = new TreeMap<>(Map.of("id", Long.toString(telegramId), "first_name", "Tele",
                "auth_date", Long.toString(at.getEpochSecond())));
        String check = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(BOT_TOKEN.getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
            fields.put("hash", HexFormat.of().formatHex(mac.doFinal(check.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A browser: a cookie jar, every redirect followed by hand until the console. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        Browser() {
        }

        Browser(Session session) {
            HttpCookie cookie = new HttpCookie("session",
                    session.cookie().substring(session.cookie().indexOf('=') + 1));
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(base(), cookie);
        }

        private URI base() {
            return URI.create("http://127.0.0.1:" + gateway.port());
        }

        /** Follows redirects from {@code path}; answers the console page it ends on (relative), or "". */
        String walk(String path) {
            URI next = base().resolve(path);
            for (int hop = 0; hop < 8; hop++) {
                HttpResponse<String> response = send(next);
                Optional<String> location = response.headers().firstValue("Location");
                if (response.statusCode() != 302 || location.isEmpty()) {
                    return "";
                }
                String own = base().toString();
                String target = location.get().startsWith(own) ? location.get().substring(own.length())
                        : location.get();
                if (target.startsWith("/console")) {
                    return target;
                }
                next = next.resolve(location.get());
            }
            return "";
        }

        HttpResponse<String> get(String path) {
            return send(base().resolve(path));
        }

        HttpResponse<String> api(String path, long userNumber) throws Exception {
            String cookie = cookies.getCookieStore().get(base()).stream().filter(c -> c.getName().equals("session"))
                    .map(HttpCookie::toString).findFirst().orElseThrow();
            return gateway.send("GET", path, Map.of("Cookie", cookie, "New-Api-User", Long.toString(userNumber)),
                    null);
        }

        private HttpResponse<String> send(URI uri) {
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
