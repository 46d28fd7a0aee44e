package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.catalog.Catalog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * Spring Security's client registrations, built from the settings at each look-up (they change at run time through
 * {@code /api/option/}). Callbacks are {@code <ServerAddress>/oauth/<provider>}, the URLs new-api's OAuth apps are
 * already registered with, built from the configured address and never from the request's Host. OIDC endpoints come
 * from the issuer's discovery document, fetched once per issuer; Spring checks that it names the same issuer.
 */
@Component
public class ExternalClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(ExternalClientRegistrations.class);

    private final Catalog catalog;
    private final SecretBox box;
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

    ExternalClientRegistrations(Catalog catalog, SecretBox box) {
        this.catalog = catalog;
        this.box = box;
    }

    public ExternalLoginSettings.Config config() {
        return new ExternalLoginSettings.Config(catalog.snapshot().settings(), box);
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        ExternalLoginSettings.Config config = config();
        ExternalProvider provider;
        try {
            provider = ExternalProvider.fromWireName(registrationId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (provider == ExternalProvider.TELEGRAM || !config.usable(provider)) {
            return null;
        }
        String callback = config.serverAddress() + "/oauth/" + provider.wireName();
        return switch (provider) {
            case GITHUB -> oauth2(config.github(), callback, "read:user", "user:email");
            case LINUX_DO -> oauth2(config.linuxDo(), callback);
            default -> oidc(config, callback);
        };
    }

    private static ClientRegistration oauth2(ExternalLoginSettings.Provider provider, String callback,
                                             String... scopes) {
        return ClientRegistration.withRegistrationId(provider.provider().wireName())
                .clientId(provider.clientId()).clientSecret(provider.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(callback).scope(scopes)
                .authorizationUri(provider.authorizationEndpoint()).tokenUri(provider.tokenEndpoint())
                .userInfoUri(provider.userEndpoint()).userNameAttributeName("id")
                .clientName(provider.provider().wireName()).build();
    }

    private @Nullable ClientRegistration oidc(ExternalLoginSettings.Config config, String callback) {
        ExternalLoginSettings.Provider provider = config.oidc();
        String issuer = config.oidcIssuer();
        ClientRegistration endpoints = discovered.get(issuer);
        if (endpoints == null) {
            endpoints = discover(issuer);
            if (endpoints == null) {
                return null; // tried again at the next login
            }
            discovered.put(issuer, endpoints);
        }
        return ClientRegistration.withClientRegistration(endpoints).registrationId("oidc")
                .clientId(provider.clientId()).clientSecret(provider.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .redirectUri(callback).scope("openid", "profile", "email").clientName("oidc").build();
    }

    /** The issuer's endpoints from its discovery document, or {@code null} when it could not be read. */
    private static @Nullable ClientRegistration discover(String issuer) {
        try {
            return ClientRegistrations.fromIssuerLocation(issuer).registrationId("oidc").clientId("-").build();
        } catch (RuntimeException e) {
            log.warn("OIDC discovery at {} failed: {}", issuer, e.getMessage());
            return null;
        }
    }

    /** Whether a login can be used now (for the bind start); opens no secret. */
    public boolean usable(ExternalProvider provider) {
        return config().usable(provider);
    }
}
