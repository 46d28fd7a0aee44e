package io.llm402.ops.security;

import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.Access;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.ManagementRoutes;
import io.llm402.gateway.management.Route;
import io.llm402.gateway.management.auth.CallerAuthentication;
import io.llm402.gateway.management.auth.ExternalLoginFlow;
import io.llm402.gateway.management.auth.ManagementAuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The management API's security, built from {@link ManagementRoutes} and nothing else: each route gets the role its
 * row names, anything under {@code /api} without a row is denied. Spring Security only sees {@code /api/*} (and the
 * console's pages, {@link ConsoleSecurityConfiguration}): the
 * relay routes authenticate API keys themselves and stay free of its filters.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurityConfiguration {

    /** The paths Spring Security's filters see; everything else (the relay, health) never enters them. */
    static final List<String> SECURED_PATHS = List.of("/api/*", "/console", "/console/*", "/oauth2/*", "/oauth/*");
    /** The name Spring Boot's SecurityFilterAutoConfiguration gives its registration of the filter chain. */
    private static final String SECURITY_FILTER_REGISTRATION = "securityFilterChainRegistration";

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ROOT").implies("ADMIN").role("ADMIN").implies("USER")
                .build();
    }

    @Bean
    SecurityFilterChain managementApi(HttpSecurity http, AccessReadModel readModel, SecretBox secretBox,
                                      RoleHierarchy hierarchy) {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(authorize -> {
                    // Literal paths first: /api/user/self must not fall to the admin's /api/user/{id}.
                    ManagementRoutes.all().stream()
                            .sorted(Comparator.comparing((Route r) -> r.path().contains("{")))
                            .forEach(route -> authorize.requestMatchers(PathPatternRequestMatcher.withDefaults()
                                    .matcher(route.method(), route.path())).access(manager(route, hierarchy)));
                    authorize.anyRequest().denyAll();
                })
                .addFilterBefore(new ManagementAuthenticationFilter(readModel, secretBox),
                        AnonymousAuthenticationFilter.class)
                // Cross-site requests are stopped by the New-Api-User header a foreign page cannot send.
                .csrf(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) ->
                                ManagementAuthenticationFilter.unauthorized(request, response))
                        .accessDeniedHandler((request, response, denied) ->
                                ManagementAuthenticationFilter.forbidden(request, response)));
        return sessionReadByFilter(http).build();
    }

    /**
     * The external logins through Spring Security's OAuth2 client: {@code /oauth2/authorization/{provider}} starts one
     * (PKCE, state, nonce; a bind intent when the user started a bind), {@code /oauth/{provider}} is the callback
     * (new-api's, so providers' app registrations keep working). The local account is the flow's business; Spring's
     * authentication is never stored, and the provider's tokens are not kept.
     */
    /** LLM402 never calls a provider on the user's behalf after the login: its tokens are not kept anywhere. */
    private static final OAuth2AuthorizedClientRepository PROVIDER_TOKENS_NOT_KEPT =
            new OAuth2AuthorizedClientRepository() {
                @Override
                public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                        String registrationId, Authentication principal,
                        HttpServletRequest request) {
                    return null;
                }

                @Override
                public void saveAuthorizedClient(OAuth2AuthorizedClient client,
                                                 Authentication principal,
                                                 HttpServletRequest request,
                                                 HttpServletResponse response) {
                }

                @Override
                public void removeAuthorizedClient(String registrationId,
                                                   Authentication principal,
                                                   HttpServletRequest request,
                                                   HttpServletResponse response) {
                }
            };

    @Bean
    SecurityFilterChain externalLogins(HttpSecurity http, ExternalLoginFlow flow) {
        http.securityMatcher("/oauth2/**", "/oauth/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(flow.registrations())
                        .authorizedClientRepository(PROVIDER_TOKENS_NOT_KEPT)
                        .authorizationEndpoint(start -> start
                                .authorizationRequestResolver(flow.authorizationRequests())
                                .authorizationRequestRepository(flow.authorizationRequestStore()))
                        .redirectionEndpoint(callback -> callback.baseUri("/oauth/*"))
                        .userInfoEndpoint(users -> users.userService(flow.plainUserService())
                                .oidcUserService(flow.oidcUserService()))
                        .successHandler(flow.successHandler())
                        .failureHandler(flow.failureHandler()))
                // The state parameter, stored in the session and used once, is what stops forged callbacks.
                .csrf(AbstractHttpConfigurer::disable);
        return sessionReadByFilter(http).build();
    }

    /**
     * What the management API and the console share: the session is the login controller's (a SessionLogin, read by
     * the authentication filter). Spring Security neither stores the context in it nor changes its id on every
     * request it sees authenticated, and offers no login, logout or basic authentication of its own.
     */
    static HttpSecurity sessionReadByFilter(HttpSecurity http) {
        return http.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    /** The role (by name: USER, ADMIN, ROOT) or any above it. */
    static AuthorityAuthorizationManager<RequestAuthorizationContext> role(String name, RoleHierarchy hierarchy) {
        AuthorityAuthorizationManager<RequestAuthorizationContext> role = AuthorityAuthorizationManager.hasRole(name);
        role.setRoleHierarchy(hierarchy);
        return role;
    }

    private static AuthorizationManager<RequestAuthorizationContext> manager(Route route, RoleHierarchy hierarchy) {
        if (route.access() == Access.GUEST || route.access() == Access.API_KEY) {
            return (authentication, context) -> new AuthorizationDecision(true);
        }
        AuthorityAuthorizationManager<RequestAuthorizationContext> role =
                role(route.access().name().toUpperCase(Locale.ROOT), hierarchy);
        if (!route.sessionOnly()) {
            return role;
        }
        return AuthorizationManagers.allOf(role, AuthenticatedAuthorizationManager.authenticated(),
                AuthorityAuthorizationManager.hasAuthority(CallerAuthentication.SESSION_AUTHORITY));
    }

    /** Spring Boot registers the security filter for every path; LLM402 narrows it to the management API. */
    @Bean
    static BeanPostProcessor securityFilterPaths() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && SECURITY_FILTER_REGISTRATION.equals(beanName)) {
                    registration.setUrlPatterns(SECURED_PATHS);
                }
                return bean;
            }
        };
    }
}
