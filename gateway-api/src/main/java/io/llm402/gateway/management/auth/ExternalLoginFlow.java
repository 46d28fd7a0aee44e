package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.RecordExternalLoginCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.management.ManagementCommands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The parts LLM402 adds to Spring Security's OAuth2 login: PKCE on every authorization request and the bind intent
 * carried in it; LINUX DO's trust-level and status gates; and, once Spring has checked the provider's answer (state,
 * code exchange, for OIDC the ID token's signature, issuer, audience, expiry and nonce), the local account: a login
 * (through the second factor when the user has one), a binding, or a refusal shown on the console's login page.
 */
@Component
public class ExternalLoginFlow {

    private static final Logger log = LoggerFactory.getLogger(ExternalLoginFlow.class);
    private static final String BIND_USER = "llm402_bind_user";
    private static final String GITHUB_VERIFIED_EMAIL = "llm402_verified_email";
    private static final String FINISHED_REQUEST = ExternalLoginFlow.class.getName() + ".request";

    private final ExternalClientRegistrations registrations;
    private final ExternalAccounts accounts;
    private final ManagementCommands commands;
    private final DefaultOAuth2UserService plainUsers = new DefaultOAuth2UserService();
    private final RestClient gitHubApi = RestClient.builder().requestFactory(gitHubRequests()).build();

    private static JdkClientHttpRequestFactory gitHubRequests() {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        return requests;
    }

    ExternalLoginFlow(ExternalClientRegistrations registrations, ExternalAccounts accounts,
                      ManagementCommands commands) {
        this.registrations = registrations;
        this.accounts = accounts;
        this.commands = commands;
    }

    public ExternalClientRegistrations registrations() {
        return registrations;
    }

    /** {@code /oauth2/authorization/{provider}}: PKCE S256 always, and the bind intent when the user started one. */
    public OAuth2AuthorizationRequestResolver authorizationRequests() {
        DefaultOAuth2AuthorizationRequestResolver defaults =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        defaults.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withIntent(request, defaults.resolve(request));
            }

            @Override
            public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return withIntent(request, defaults.resolve(request, registrationId));
            }
        };
    }

    private static @Nullable OAuth2AuthorizationRequest withIntent(HttpServletRequest request,
                                                                   @Nullable OAuth2AuthorizationRequest resolved) {
        HttpSession session = request.getSession(false);
        if (resolved == null || session == null
                || !(session.getAttribute(BindIntent.ATTRIBUTE) instanceof BindIntent intent)) {
            return resolved;
        }
        String provider = resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
        if (provider == null || !intent.validFor(provider, Instant.now())) {
            return resolved;
        }
        session.removeAttribute(BindIntent.ATTRIBUTE);
        return OAuth2AuthorizationRequest.from(resolved).attributes(a -> withBindUser(a, intent.userId())).build();
    }

    /** Spring's session store of authorization requests, remembering the one a callback used up for the handler. */
    public AuthorizationRequestRepository<OAuth2AuthorizationRequest> authorizationRequestStore() {
        HttpSessionOAuth2AuthorizationRequestRepository sessions = new HttpSessionOAuth2AuthorizationRequestRepository();
        return new AuthorizationRequestRepository<>() {
            @Override
            public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
                return sessions.loadAuthorizationRequest(request);
            }

            @Override
            public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
                                                 HttpServletRequest request, HttpServletResponse response) {
                sessions.saveAuthorizationRequest(authorizationRequest, request, response);
            }

            @Override
            public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
                                                                                   HttpServletResponse response) {
                OAuth2AuthorizationRequest removed = sessions.removeAuthorizationRequest(request, response);
                if (removed != null) {
                    request.setAttribute(FINISHED_REQUEST, removed);
                }
                return removed;
            }
        };
    }

    /**
     * GitHub's and LINUX DO's user endpoints, with LINUX DO's gates applied to every login and registration, and
     * GitHub's primary verified email (its public profile email is whatever the user typed).
     */
    public OAuth2UserService<OAuth2UserRequest, OAuth2User> plainUserService() {
        return request -> {
            OAuth2User user = plainUsers.loadUser(request);
            if (request.getClientRegistration().getRegistrationId().equals(ExternalProvider.GITHUB.wireName())) {
                Map<String, Object> attributes = new HashMap<>(user.getAttributes());
                attributes.remove(GITHUB_VERIFIED_EMAIL);
                gitHubVerifiedEmail(request).ifPresent(email -> attributes.put(GITHUB_VERIFIED_EMAIL, email));
                return new DefaultOAuth2User(user.getAuthorities(), attributes, "id");
            }
            if (request.getClientRegistration().getRegistrationId().equals(ExternalProvider.LINUX_DO.wireName())) {
                String refusal = linuxDoRefusal(user.getAttributes());
                if (refusal != null) {
                    ExternalIdentityKey key = ExternalIdentityKey.of(ExternalProvider.LINUX_DO, user.getName());
                    commands.send(RecordExternalLoginCommand.refused(key, refusal),
                            new Actor("anonymous", Role.USER));
                    throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", refusal, null));
                }
            }
            return user;
        };
    }

    /** GitHub's {@code /user/emails} (scope {@code user:email}): the primary verified address, if any. */
    private Optional<String> gitHubVerifiedEmail(OAuth2UserRequest request) {
        try {
            List<Map<String, Object>> emails = gitHubApi.get()
                    .uri(request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri()
                            + "/emails")
                    .header("Authorization", "Bearer " + request.getAccessToken().getTokenValue())
                    .header("Accept", "application/vnd.github+json")
                    .retrieve().body(new ParameterizedTypeReference<>() {
                    });
            return emails == null ? Optional.empty() : emails.stream()
                    .filter(e -> Boolean.TRUE.equals(e.get("primary")) && Boolean.TRUE.equals(e.get("verified")))
                    .map(e -> e.get("email")).filter(String.class::isInstance).map(String.class::cast).findFirst();
        } catch (RuntimeException e) {
            // The login goes on without an email: it is not what identifies the user.
            log.info("GitHub's email list was not available: {}", e.getMessage());
            return Optional.empty();
        }
    }

    public OidcUserService oidcUserService() {
        return new OidcUserService();
    }

    private @Nullable String linuxDoRefusal(Map<String, Object> attributes) {
        ExternalLoginSettings.Config config = registrations.config();
        int minimum = config.linuxDoMinimumTrustLevel();
        int level = attributes.get("trust_level") instanceof Number n ? n.intValue() : -1;
        if (level < minimum) {
            return "your LINUX DO trust level " + Math.max(level, 0) + " is below the minimum " + minimum;
        }
        if (config.flag(SettingKey.LINUXDO_REFUSE_INACTIVE)
                && (Boolean.FALSE.equals(attributes.get("active")) || Boolean.TRUE.equals(attributes.get("silenced")))) {
            return "inactive or silenced LINUX DO accounts may not log in";
        }
        return null;
    }

    /** After Spring accepted the provider's answer: the local account decides. */
    public AuthenticationSuccessHandler successHandler() {
        return (request, response, authentication) -> finish(request, response, authentication);
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        OAuth2AuthorizationRequest used = (OAuth2AuthorizationRequest) request.getAttribute(FINISHED_REQUEST);
        complete(request, response, outcome(token.getAuthorizedClientRegistrationId(), token.getPrincipal(),
                used == null ? null : used.getAttribute(BIND_USER)));
    }

    /** Makes an authorization request's attributes carry a bind intent for this user. */
    static void withBindUser(Map<String, Object> attributes, String userId) {
        attributes.put(BIND_USER, userId);
    }

    /** The bind intent an authorization request carries (the user who started a bind), if any. */
    static @Nullable String bindUser(OAuth2AuthorizationRequest request) {
        return request.getAttribute(BIND_USER);
    }

    /** What the identity a provider vouched for means here: a login, a binding, or a refusal. */
    ExternalAccounts.Outcome outcome(String registrationId, OAuth2User principal, @Nullable String bindUser) {
        ExternalProfile profile = profile(registrationId, principal);
        ExternalLoginSettings.Config config = registrations.config();
        ExternalLoginSettings.Provider provider = switch (profile.key().provider()) {
            case GITHUB -> config.github();
            case LINUX_DO -> config.linuxDo();
            default -> config.oidc();
        };
        return accounts.admit(profile, bindUser, provider.registrationEnabled());
    }

    /** Where the browser goes after an external login: the console, its second-factor step, or an error. */
    static void complete(HttpServletRequest request, HttpServletResponse response, ExternalAccounts.Outcome outcome)
            throws IOException {
        switch (outcome) {
            case ExternalAccounts.LogIn(var user) -> {
                if (user.twoFactor().enabled()) {
                    // An external login never skips the second factor.
                    LoginController.awaitSecondFactor(request, user);
                    response.sendRedirect("/console/login?step=2fa");
                } else {
                    LoginController.logIn(request, user);
                    response.sendRedirect("/console");
                }
            }
            case ExternalAccounts.Bound(var provider) -> response.sendRedirect("/console?bound=" + provider.wireName());
            case ExternalAccounts.Refused(var reason) -> response.sendRedirect("/console/login?error="
                    + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        }
    }

    /** A provider's answer that did not check out (state, code, ID token): logged, and the login page says so. */
    public AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            String reason = failure instanceof OAuth2AuthenticationException oauth
                    && "access_denied".equals(oauth.getError().getErrorCode()) && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription() : "the login with that provider did not succeed";
            log.info("External login refused at {}: {}", request.getRequestURI(), failure.getMessage());
            response.sendRedirect("/console/login?error=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        };
    }

    private static ExternalProfile profile(String registrationId, OAuth2User user) {
        Map<String, Object> attributes = user.getAttributes();
        if (user instanceof OidcUser oidc) {
            String issuer = String.valueOf(oidc.getIdToken().getIssuer());
            String preferred = oidc.getPreferredUsername();
            String display = oidc.getFullName() != null ? oidc.getFullName()
                    : preferred != null ? preferred : oidc.getSubject();
            return new ExternalProfile(new ExternalIdentityKey(ExternalProvider.OIDC, issuer, oidc.getSubject()),
                    preferred, display, oidc.getEmail(), Boolean.TRUE.equals(oidc.getEmailVerified()));
        }
        ExternalProvider provider = ExternalProvider.fromWireName(registrationId);
        String login = text(attributes.get(provider == ExternalProvider.GITHUB ? "login" : "username"));
        String name = text(attributes.get("name"));
        // Only GitHub's verified primary email is kept (as the new user's email); it never merges accounts.
        String email = provider == ExternalProvider.GITHUB ? text(attributes.get(GITHUB_VERIFIED_EMAIL)) : null;
        return new ExternalProfile(ExternalIdentityKey.of(provider, user.getName()), login,
                name != null ? name : login != null ? login : user.getName(), email, email != null);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
