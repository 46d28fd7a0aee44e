package io.llm402.ops.security;

import io.llm402.console.ConsoleRoutes;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.auth.ManagementAuthenticationFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's pages, as {@link ConsoleRoutes} lists them: read-only GETs authenticated by the same login session
 * as the management API (every change a page offers is a call to that API, with its route table and role checks).
 * A user without a page's role gets 403, a visitor without a session the login page, anything unlisted is denied.
 * Scripts only from the gateway itself: every asset is in the jar.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** The login page may also run Telegram's login widget (its script and its frame), shown when that login is on. */
    static final String LOGIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
            .replace("script-src 'self'", "script-src 'self' https://telegram.org")
            + "; frame-src https://oauth.telegram.org";
    private static final RequestMatcher LOGIN_PAGE =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/console/login");

    private static final String FORBIDDEN_PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>403 · LLM402</title></head>
            <body><main><h1>403</h1><p>You do not have permission for this page.</p>
            <p lang="zh-CN">您没有权限访问此页面。</p><p><a href="/console">Dashboard</a></p></main></body></html>
            """;

    @Bean
    SecurityFilterChain consolePages(HttpSecurity http, AccessReadModel readModel, SecretBox secretBox,
                                     RoleHierarchy hierarchy) {
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(HttpMethod.GET, ConsoleRoutes.ASSETS).permitAll();
                    for (ConsoleRoutes.Page page : ConsoleRoutes.all()) {
                        var matcher = authorize.requestMatchers(HttpMethod.GET, page.path());
                        if (page.access() == ConsoleRoutes.Access.GUEST) {
                            matcher.permitAll();
                        } else {
                            matcher.access(ManagementSecurityConfiguration.role(page.access().name(), hierarchy));
                        }
                    }
                    authorize.anyRequest().denyAll();
                })
                .addFilterBefore(ManagementAuthenticationFilter.forConsolePages(readModel, secretBox),
                        AnonymousAuthenticationFilter.class)
                // Only GETs get through, and they change nothing: no CSRF token is needed.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(LOGIN_PAGE,
                                new ContentSecurityPolicyHeaderWriter(LOGIN_CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(LOGIN_PAGE),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) ->
                                response.sendRedirect("/console/login"))
                        .accessDeniedHandler((request, response, denied) -> {
                            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                            response.setContentType("text/html;charset=UTF-8");
                            response.getOutputStream().write(FORBIDDEN_PAGE.getBytes(StandardCharsets.UTF_8));
                        }));
        return ManagementSecurityConfiguration.sessionReadByFilter(http).build();
    }
}
