package io.llm402.gateway.management.auth;

import io.llm402.gateway.management.ManagementException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * new-api's own console finishes an OAuth login itself: it asks {@code /api/oauth/state} for a state, sends the
 * browser to the provider, and its page at the callback URL hands {@code code} and {@code state} to
 * {@code /api/oauth/{provider}} and reads JSON. The exchange runs through the same Spring Security providers as the
 * redirect flow (token request, user endpoint, LINUX DO's gates, for OIDC the ID token's signature, issuer, audience
 * and expiry), so both flows accept and refuse the same answers.
 *
 * <p>Two kinds of state are accepted, each once and only in the session that obtained it: one this class issued
 * (new-api's console builds the provider's URL itself, so there is no PKCE verifier and no nonce to check), or one
 * Spring Security stored for {@code /oauth2/authorization/{provider}} when a deployment routes the callback page to
 * new-api's console (then PKCE and the nonce are checked as usual). Whether the callback binds is fixed when the
 * state is issued, by who asked for it, never by whoever is logged in when the code comes back.
 */
@Component
class JsonOAuthCallback {

    private static final Logger log = LoggerFactory.getLogger(JsonOAuthCallback.class);
    private static final String STATE_ATTRIBUTE = "llm402.oauth-state";
    private static final Duration STATE_VALID = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExternalLoginFlow flow;
    private final HttpSessionOAuth2AuthorizationRequestRepository springRequests =
            new HttpSessionOAuth2AuthorizationRequestRepository();
    private final AuthenticationProvider plainLogin;
    private final AuthenticationProvider oidcLogin;

    JsonOAuthCallback(ExternalLoginFlow flow) {
        this.flow = flow;
        RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
        this.plainLogin = new OAuth2LoginAuthenticationProvider(tokens, flow.plainUserService());
        this.oidcLogin = new OidcAuthorizationCodeAuthenticationProvider(tokens, flow.oidcUserService());
    }

    /** A state issued to a session; with {@code bindUserId} when a logged-in user asked for it. */
    record IssuedState(String state, @Nullable String bindUserId, Instant issuedAt) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        boolean matches(String presented, Instant now) {
            return issuedAt.plus(STATE_VALID).isAfter(now) && MessageDigest.isEqual(
                    state.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new state for this session (replacing any earlier one); it binds to {@code bindUserId} when not null. */
    String issueState(HttpServletRequest request, @Nullable String bindUserId) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        request.getSession(true).setAttribute(STATE_ATTRIBUTE, new IssuedState(state, bindUserId, Instant.now()));
        return state;
    }

    /** Exchanges the code the provider gave the browser, then decides what the identity means here. */
    ExternalAccounts.Outcome complete(String provider, String code, String state, HttpServletRequest request,
                                      HttpServletResponse response) {
        ClientRegistration registration = flow.registrations().findByRegistrationId(provider);
        if (registration == null) {
            throw new ManagementException(HttpStatus.FORBIDDEN, "the " + provider + " login is not turned on",
                    "EXTERNAL_LOGIN_OFF");
        }
        OAuth2AuthorizationRequest authorization = authorizationFor(registration, state, request, response);
        OAuth2AuthorizationResponse answer = OAuth2AuthorizationResponse.success(code)
                .redirectUri(authorization.getRedirectUri()).state(state).build();
        OAuth2LoginAuthenticationToken exchanged;
        try {
            OAuth2LoginAuthenticationToken presented = new OAuth2LoginAuthenticationToken(registration,
                    new OAuth2AuthorizationExchange(authorization, answer));
            exchanged = (OAuth2LoginAuthenticationToken) (authorization.getScopes().contains(OidcScopes.OPENID)
                    ? oidcLogin : plainLogin).authenticate(presented);
        } catch (AuthenticationException e) {
            log.info("External login refused at /api/oauth/{}: {}", provider, e.getMessage());
            String reason = e instanceof OAuth2AuthenticationException oauth
                    && "access_denied".equals(oauth.getError().getErrorCode())
                    && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription() : "the login with that provider did not succeed";
            return new ExternalAccounts.Refused(reason);
        }
        if (exchanged == null) {
            throw new IllegalStateException("no provider took the " + provider + " login");
        }
        return flow.outcome(registration.getRegistrationId(), exchanged.getPrincipal(),
                ExternalLoginFlow.bindUser(authorization));
    }

    /** The authorization request this state belongs to, used up; refused as new-api does when there is none. */
    private OAuth2AuthorizationRequest authorizationFor(ClientRegistration registration, String state,
                                                        HttpServletRequest request, HttpServletResponse response) {
        OAuth2AuthorizationRequest stored = springRequests.removeAuthorizationRequest(request, response);
        if (stored != null) {
            if (!registration.getRegistrationId().equals(stored.getAttribute(OAuth2ParameterNames.REGISTRATION_ID))) {
                throw stateRefused();
            }
            return stored;
        }
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(STATE_ATTRIBUTE) instanceof IssuedState issued)
                || !issued.matches(state, Instant.now())) {
            throw stateRefused();
        }
        session.removeAttribute(STATE_ATTRIBUTE);
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(registration.getRedirectUri())
                .scopes(registration.getScopes())
                .state(state)
                .attributes(attributes -> {
                    attributes.put(OAuth2ParameterNames.REGISTRATION_ID, registration.getRegistrationId());
                    if (issued.bindUserId() != null) {
                        ExternalLoginFlow.withBindUser(attributes, issued.bindUserId());
                    }
                })
                .build();
    }

    private static ManagementException stateRefused() {
        // new-api's words and status, which its console shows.
        return new ManagementException(HttpStatus.FORBIDDEN, "state is empty or not same", "OAUTH_STATE_INVALID");
    }
}
