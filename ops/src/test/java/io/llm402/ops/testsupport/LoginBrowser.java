package io.llm402.ops.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A browser as far as logins go: a cookie jar, and redirects followed by hand (each one recorded) from the gateway to
 * a provider and back, stopping at the first console page.
 */
public final class LoginBrowser {

    /** The redirects a walk followed, the gateway's own made relative ({@code /console?bound=github}). */
    public record Walk(List<String> locations) {

        public String lastLocation() {
            return locations.isEmpty() ? "" : locations.getLast();
        }
    }

    private final URI gateway;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public LoginBrowser(int gatewayPort) {
        gateway = URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /** A browser already holding this session cookie ({@code session=…}). */
    public static LoginBrowser withSession(int gatewayPort, String cookie) {
        LoginBrowser browser = new LoginBrowser(gatewayPort);
        HttpCookie session = new HttpCookie("session", cookie.substring(cookie.indexOf('=') + 1));
        session.setPath("/");
        session.setVersion(0);
        browser.cookies.getCookieStore().add(browser.gateway, session);
        return browser;
    }

    public Walk walk(String path) {
        List<String> locations = new ArrayList<>();
        URI next = gateway.resolve(path);
        for (int hop = 0; hop < 8; hop++) {
            HttpResponse<String> response = get(next);
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() != 302 || location.isEmpty()) {
                break;
            }
            String own = gateway.toString();
            String target = location.get().startsWith(own) ? location.get().substring(own.length())
                    : location.get();
            locations.add(target);
            if (target.startsWith("/console")) {
                break;
            }
            next = next.resolve(location.get());
        }
        return new Walk(locations);
    }

    public HttpResponse<String> get(String path) {
        return get(gateway.resolve(path));
    }

    /** The session cookie as a {@code Cookie} header value, when the gateway set one. */
    public @Nullable String sessionCookie() {
        return cookies.getCookieStore().get(gateway).stream().filter(c -> c.getName().equals("session"))
                .map(HttpCookie::toString).findFirst().orElse(null);
    }

    private HttpResponse<String> get(URI uri) {
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
