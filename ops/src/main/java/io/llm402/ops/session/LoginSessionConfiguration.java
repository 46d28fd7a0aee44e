package io.llm402.ops.session;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.gateway.management.auth.LoginThrottle;
import io.llm402.gateway.management.auth.OneTimeValues;
import io.llm402.ops.security.ClusterSecrets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Browser logins: Spring Session over {@link HazelcastSessionRepository}, with new-api's cookie name {@code session}
 * (30 days, as new-api), {@code HttpOnly}, {@code SameSite=Lax} (an OAuth provider's redirect back must carry it),
 * and {@code Secure} whenever the request came over TLS. Only the management API and the console see the session filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
public class LoginSessionConfiguration {

    public static final String SESSION_MAP = "llm402.sessions";
    public static final String LOGIN_ATTEMPTS_MAP = "llm402.login-attempts";
    public static final String ONE_TIME_VALUES_MAP = "llm402.one-time-values";

    @Bean
    HazelcastSessionRepository sessionRepository(HazelcastInstance hazelcast, ClusterSecrets secrets,
                                                 @Value("${llm402.session-max-inactive:30d}") Duration maxInactive) {
        return new HazelcastSessionRepository(hazelcast.getMap(SESSION_MAP), secrets.sessionSecret(), maxInactive);
    }

    @Bean
    CookieSerializer cookieSerializer() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("session");
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        // Secure follows request.isSecure(): true behind TLS, and behind a proxy once forwarded headers are trusted.
        return cookie;
    }

    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> sessionFilterRegistration(
            SessionRepositoryFilter<?> springSessionRepositoryFilter) {
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration =
                new FilterRegistrationBean<>(springSessionRepositoryFilter);
        // The OAuth2 login's start and callbacks keep their authorization request in the session too.
        registration.setUrlPatterns(List.of("/api/*", "/console", "/console/*", "/oauth2/*", "/oauth/*"));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        return registration;
    }

    @Bean
    OneTimeValues oneTimeValues(HazelcastInstance hazelcast) {
        return new HazelcastOneTimeValues(hazelcast.getMap(ONE_TIME_VALUES_MAP));
    }

    @Bean
    LoginThrottle loginThrottle(HazelcastInstance hazelcast,
                                @Value("${llm402.login.attempts-per-address:30}") int perAddress,
                                @Value("${llm402.login.attempts-per-account:10}") int perAccount,
                                @Value("${llm402.login.attempt-window:15m}") Duration window) {
        return new HazelcastLoginThrottle(hazelcast.getMap(LOGIN_ATTEMPTS_MAP), perAddress, perAccount, window);
    }
}
