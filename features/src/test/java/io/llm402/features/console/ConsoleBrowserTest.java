package io.llm402.features.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.ops.simulator.UpstreamSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console as an operator first meets it, in a real browser: a fresh gateway with no configuration file, the
 * first-run page, root's login with the password it printed, a channel and a key created on their pages, a request
 * relayed with that key, the dashboard's cards and charts showing it, the log row expanding into its exact receipt; a
 * user without the admin role sees no admin page and gets 403 from its address; Chinese and the dark theme render.
 * With {@code -Dllm402.console.screenshots=<dir>} it also saves every page, light, dark and in Chinese.
 */
class ConsoleBrowserTest {

    private static final Pattern ROOT_PASSWORD = Pattern.compile("log in as 'root' with password (\\S+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> PAGES = List.of("/console", "/console/keys", "/console/logs", "/console/pricing",
            "/console/admin/channels", "/console/setup");

    private static @Nullable UpstreamSimulator simulator;
    private static @Nullable GatewayProcess gateway;
    private static @Nullable ChromeDriver driver;
    private final HttpClient http = HttpClient.newHttpClient();

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
            if (driver != null) {
                try {
                    Browser.screenshot(driver, Path.of("target", "console-screenshots",
                            context.getDisplayName().replaceAll("\\W+", "_") + "-failed.png"));
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        if (!Browser.available()) {
            Assumptions.assumeFalse(!Browser.required(), "chromium and chromedriver are not installed");
            throw new AssertionError("LLM402_REQUIRE_BROWSER=1 but chromium or chromedriver is missing");
        }
        simulator = new UpstreamSimulator(0).start();
        gateway = new Installation().start();
        gateway.stopAtExit(simulator::stop);
        gateway.awaitReady();
        driver = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Test
    void fromTheFirstRunToAReceiptInTheLogAndNoAdminPageForAUser() throws Exception {
        // First run: the page says the gateway is set up and where the root password is.
        open("/console/setup");
        assertThat(text("#setup-status")).contains("root user exists");
        capture("setup");
        driver.findElement(By.id("setup-login")).click();
        await(ExpectedConditions.urlContains("/console/login"));
        capture("login");

        Matcher printed = ROOT_PASSWORD.matcher(gateway.output());
        assertThat(printed.find()).as("the gateway printed the root password").isTrue();
        logIn("root", printed.group(1));

        // A channel, from the channels page.
        open("/console/admin/channels");
        driver.findElement(By.cssSelector("#channel-create-panel summary")).click();
        type("ch-name", "simulated-openai");
        type("ch-base", simulator.baseUrl());
        type("ch-key", "sk-upstream-never-shown\nsk-second-never-shown");
        type("ch-models", "gpt-4o-mini");
        driver.findElement(By.cssSelector("#channel-create button[type=submit]")).click();
        await(ExpectedConditions.textToBePresentInElementLocated(By.id("channels-table"), "simulated-openai"));
        assertThat(driver.findElement(By.cssSelector("#channels-table tbody tr td:nth-child(8)")).getText())
                .as("both lines became keys of one channel").isEqualTo("2 / 2");
        // Its test, from the same row: the response time replaces "never".
        WebElement test = driver.findElement(By.cssSelector("#channels-table button.channel-test"));
        // The table scrolls sideways inside its box, so the button is clicked where it is rather than where it shows.
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", test);
        await(ExpectedConditions.textMatches(By.cssSelector("#channels-table tbody tr td:nth-child(9)"),
                Pattern.compile("\\d+ ms")));
        assertThat(driver.getPageSource()).doesNotContain("sk-upstream-never-shown", "sk-second-never-shown");
        capture("channels");

        // A price and a balance: pages for these come later, so the test uses the management API with root's session.
        api("PUT", "/api/option/", Map.of("key", "ModelRatio", "value", "{\"gpt-4o-mini\":0.075}"));
        api("PUT", "/api/option/", Map.of("key", "CompletionRatio", "value", "{\"gpt-4o-mini\":4}"));
        open("/console/pricing");
        assertThat(text("#price-gpt-4o-mini")).contains("0.15", "0.60");
        capture("pricing");
        long rootId = api("GET", "/api/user/self", null).path("id").asLong();
        api("PUT", "/api/user/", Map.of("id", rootId, "quota", 5_000_000, "reason", "opening balance"));

        // A key, created on the keys page and shown once.
        open("/console/keys");
        driver.findElement(By.cssSelector("#key-create-panel summary")).click();
        type("key-name", "console-ci");
        driver.findElement(By.cssSelector("#key-create button[type=submit]")).click();
        await(ExpectedConditions.visibilityOfElementLocated(By.id("key-created")));
        String key = driver.findElement(By.id("key-value")).getDomProperty("value");
        assertThat(key).startsWith("sk-").hasSizeGreaterThan(40);
        driver.findElement(By.id("key-copy")).click();
        await(ExpectedConditions.textToBe(By.id("key-copy"), "Copied"));
        await(ExpectedConditions.textToBePresentInElementLocated(By.id("keys-table"), "console-ci"));
        assertThat(text("#keys-table")).doesNotContain(key);
        capture("keys");

        // The test relays a request with that key, as a client would.
        HttpResponse<String> relayed = http.send(HttpRequest.newBuilder(gateway("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Say hello.\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(relayed.statusCode()).as(relayed.body()).isEqualTo(200);
        String requestId = relayed.headers().firstValue("X-LLM402-Request-Id").orElseThrow();
        JsonNode receipt = JSON.readTree(http.send(HttpRequest.newBuilder(gateway("/api/usage/requests/" + requestId))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body());
        long amount = receipt.path("amount_nano_usd").asLong();
        assertThat(amount).isPositive();

        // The dashboard counts it (projections follow the events; the page is reloaded until they have).
        open("/console");
        await(driver -> {
            if (text("#card-requests").equals("1")) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
        assertThat(text("#card-spend")).isEqualTo(usdTotal(amount) + " USD");
        await(driver -> driver.findElements(By.cssSelector(".chart[data-ready=true] svg")).size() == 5);
        driver.findElement(By.cssSelector("button[aria-controls=table-spend]")).click();
        assertThat(text("#table-spend")).contains("gpt-4o-mini");
        capture("dashboard");

        // The log row expands into the exact receipt.
        open("/console/logs");
        WebElement row = driver.findElement(By.id("row-" + requestId));
        assertThat(row.getText()).contains("gpt-4o-mini", "console-ci");
        row.findElement(By.cssSelector("button.receipt-toggle")).click();
        await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#receipt-" + requestId + " .receipt")));
        String shown = text("#receipt-" + requestId);
        assertThat(shown).contains(requestId, "upstream");
        assertThat(text("#receipt-" + requestId + " .receipt-amount"))
                .isEqualTo(BigDecimal.valueOf(amount, 9).toPlainString() + " USD");
        assertThat(row.getText()).contains(usd(amount));
        capture("logs");
        assertThat(Browser.errors(driver)).as("console errors or CSP violations").isEmpty();

        // Chinese, then the dark theme; both stay after a reload.
        open("/console");
        driver.findElement(By.id("lang-zh")).click();
        await(driver -> "zh-CN".equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(text("nav")).contains("数据看板", "令牌", "日志");
        driver.findElement(By.id("theme-toggle")).click();
        await(driver -> "dark".equals(driver.findElement(By.tagName("html")).getDomAttribute("data-bs-theme")));
        driver.navigate().refresh();
        await(driver -> "dark".equals(driver.findElement(By.tagName("html")).getDomAttribute("data-bs-theme")));
        await(driver -> driver.findElements(By.cssSelector(".chart[data-ready=true] svg")).size() == 5);
        captureEveryPage();
        driver.findElement(By.id("lang-en")).click();
        await(driver -> "en".equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
        driver.findElement(By.id("theme-toggle")).click();

        // The external logins root turns on appear on the login page; a refused one says why there.
        Map<String, String> logins = new LinkedHashMap<>();
        logins.put("ServerAddress", "http://127.0.0.1:" + gateway.port());
        logins.put("GitHubOAuthEnabled", "true");
        logins.put("GitHubClientId", "gh-client");
        logins.put("GitHubClientSecret", "gh-secret");
        logins.put("oidc.enabled", "true");
        logins.put("oidc.client_id", "llm402");
        logins.put("oidc.client_secret", "oidc-secret");
        logins.put("oidc.well_known", "https://idp.example.com/.well-known/openid-configuration");
        logins.put("TelegramOAuthEnabled", "true");
        logins.put("TelegramBotName", "llm402_test_bot");
        logins.put("TelegramBotToken", "123456789:TEST-bot-token");
        for (Map.Entry<String, String> login : logins.entrySet()) {
            api("PUT", "/api/option/", Map.of("key", login.getKey(), "value", login.getValue()));
        }
        // A user without the admin role: no admin link, and 403 from the admin page's address.
        api("POST", "/api/user/", Map.of("username", "bob", "password", "bob-password-1"));
        driver.findElement(By.id("logout")).click();
        await(ExpectedConditions.urlContains("/console/login"));
        open("/console/login?error=" + URLEncoder.encode("your LINUX DO trust level 0 is below the minimum 2",
                StandardCharsets.UTF_8));
        await(driver -> driver.findElement(By.id("login-github")).isDisplayed());
        assertThat(driver.findElement(By.id("login-oidc")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("login-linuxdo")).isDisplayed()).as("not turned on").isFalse();
        // Telegram's widget (it cannot load here, offline): its script, for the bot, sending the browser back here.
        WebElement telegram = driver.findElement(By.cssSelector("#login-telegram script"));
        assertThat(telegram.getDomAttribute("data-telegram-login")).isEqualTo("llm402_test_bot");
        assertThat(telegram.getDomAttribute("data-auth-url")).isEqualTo("/api/oauth/telegram/login/redirect");
        assertThat(http.send(HttpRequest.newBuilder(gateway("/console/login")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self' https://telegram.org", "frame-src https://oauth.telegram.org");
        assertThat(text("#login-error")).isEqualTo(
                "The external login did not succeed: your LINUX DO trust level 0 is below the minimum 2");
        capture("login-external");
        driver.findElement(By.id("lang-zh")).click();
        await(driver -> "zh-CN".equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
        driver.findElement(By.id("theme-toggle")).click();
        await(driver -> driver.findElement(By.id("login-github")).isDisplayed());
        assertThat(text("#login-github")).isEqualTo("使用 GitHub 登录");
        capture("login-external");
        driver.findElement(By.id("lang-en")).click();
        await(driver -> "en".equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
        driver.findElement(By.id("theme-toggle")).click();
        logIn("bob", "bob-password-1");
        assertThat(driver.findElements(By.cssSelector("a[href='/console/admin/channels']"))).isEmpty();
        HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(gateway("/console/admin/channels"))
                .header("Cookie", "session=" + sessionCookie()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        open("/console/admin/channels");
        assertThat(text("h1")).isEqualTo("403");
        open("/console/logs");
        assertThat(driver.findElements(By.id("row-" + requestId))).as("root's request in bob's log").isEmpty();
    }

    private void logIn(String username, String password) {
        open("/console/login");
        type("username", username);
        type("password", password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        await(driver -> driver.getCurrentUrl().endsWith("/console"));
    }

    private static void open(String path) {
        driver.get("http://127.0.0.1:" + gateway.port() + path);
    }

    private static URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static String text(String selector) {
        return driver.findElement(By.cssSelector(selector)).getText().trim();
    }

    private static <T> void await(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        new WebDriverWait(driver, WAIT).until(condition);
    }

    private static String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("session");
        assertThat(cookie).as("the login set the session cookie").isNotNull();
        return cookie.getValue();
    }

    /** Calls the management API as the browser's logged-in user, the way the console's scripts do. */
    private JsonNode api(String method, String path, @Nullable Object body) throws Exception {
        String userNumber = driver.findElement(By.cssSelector("meta[name=llm402-user]")).getDomAttribute("content");
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(path))
                .header("Cookie", "session=" + sessionCookie()).header("New-Api-User", userNumber)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(response.body());
        assertThat(envelope.path("success").asBoolean()).as(response.body()).isTrue();
        return envelope.path("data");
    }

    private static String usd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String usdTotal(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).setScale(nanoUsd < 10_000_000 ? 6 : 2, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** With -Dllm402.console.screenshots=dir: the current page, as {@code <name>-<theme>-<lang>.png}. */
    private static void capture(String name) throws Exception {
        String directory = System.getProperty("llm402.console.screenshots");
        if (directory == null || directory.isBlank()) {
            return;
        }
        String theme = driver.findElement(By.tagName("html")).getDomAttribute("data-bs-theme");
        String lang = driver.findElement(By.tagName("html")).getDomAttribute("lang");
        Browser.screenshot(driver, Path.of(directory, name + "-" + theme + "-" + lang + ".png"));
    }

    private static void captureEveryPage() throws Exception {
        if (System.getProperty("llm402.console.screenshots") == null) {
            return;
        }
        for (String page : PAGES) {
            open(page);
            if (page.equals("/console")) {
                await(driver -> driver.findElements(By.cssSelector(".chart[data-ready=true] svg")).size() == 5);
            }
            capture(page.equals("/console") ? "dashboard" : page.substring(page.lastIndexOf('/') + 1));
        }
    }
}
