package io.llm402.gateway.management.auth;

import static io.llm402.domain.settings.api.SettingKey.*;

import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.SecretBox;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The external logins' settings: new-api's option names where it has them ({@code GitHubClientId},
 * {@code LinuxDOMinimumTrustLevel}, {@code oidc.well_known}, …), their checks, and the configuration each login
 * reads from them. Secrets are sealed before they are stored and opened only here.
 */
public final class ExternalLoginSettings {

    public static final Map<String, SettingKey> OPTIONS = Map.ofEntries(
            Map.entry("ServerAddress", SERVER_ADDRESS),
            Map.entry("GitHubOAuthEnabled", GITHUB_OAUTH_ENABLED),
            Map.entry("GitHubClientId", GITHUB_CLIENT_ID),
            Map.entry("GitHubClientSecret", GITHUB_CLIENT_SECRET),
            Map.entry("GitHubAuthorizationEndpoint", GITHUB_AUTHORIZATION_ENDPOINT),
            Map.entry("GitHubTokenEndpoint", GITHUB_TOKEN_ENDPOINT),
            Map.entry("GitHubApiEndpoint", GITHUB_API_ENDPOINT),
            Map.entry("GitHubRegistrationEnabled", GITHUB_REGISTRATION_ENABLED),
            Map.entry("LinuxDOOAuthEnabled", LINUXDO_OAUTH_ENABLED),
            Map.entry("LinuxDOClientId", LINUXDO_CLIENT_ID),
            Map.entry("LinuxDOClientSecret", LINUXDO_CLIENT_SECRET),
            Map.entry("LinuxDOAuthorizationEndpoint", LINUXDO_AUTHORIZATION_ENDPOINT),
            Map.entry("LinuxDOTokenEndpoint", LINUXDO_TOKEN_ENDPOINT),
            Map.entry("LinuxDOUserEndpoint", LINUXDO_USER_ENDPOINT),
            Map.entry("LinuxDORegistrationEnabled", LINUXDO_REGISTRATION_ENABLED),
            Map.entry("LinuxDOMinimumTrustLevel", LINUXDO_MINIMUM_TRUST_LEVEL),
            Map.entry("LinuxDORefuseInactive", LINUXDO_REFUSE_INACTIVE),
            Map.entry("TelegramOAuthEnabled", TELEGRAM_OAUTH_ENABLED),
            Map.entry("TelegramBotName", TELEGRAM_BOT_NAME),
            Map.entry("TelegramBotToken", TELEGRAM_BOT_TOKEN),
            Map.entry("oidc.enabled", OIDC_ENABLED),
            Map.entry("oidc.client_id", OIDC_CLIENT_ID),
            Map.entry("oidc.client_secret", OIDC_CLIENT_SECRET),
            Map.entry("oidc.well_known", OIDC_WELL_KNOWN),
            Map.entry("oidc.registration_enabled", OIDC_REGISTRATION_ENABLED),
            Map.entry("oidc.merge_verified_email", OIDC_MERGE_VERIFIED_EMAIL));

    private static final Set<SettingKey> FLAGS = Set.of(GITHUB_OAUTH_ENABLED, GITHUB_REGISTRATION_ENABLED,
            LINUXDO_OAUTH_ENABLED, LINUXDO_REGISTRATION_ENABLED, LINUXDO_REFUSE_INACTIVE, TELEGRAM_OAUTH_ENABLED,
            OIDC_ENABLED, OIDC_REGISTRATION_ENABLED, OIDC_MERGE_VERIFIED_EMAIL);
    private static final Set<SettingKey> URLS = Set.of(SERVER_ADDRESS, GITHUB_AUTHORIZATION_ENDPOINT,
            GITHUB_TOKEN_ENDPOINT, GITHUB_API_ENDPOINT, LINUXDO_AUTHORIZATION_ENDPOINT, LINUXDO_TOKEN_ENDPOINT,
            LINUXDO_USER_ENDPOINT, OIDC_WELL_KNOWN);

    /** Defaults: the real providers' hosts; every login off until an operator configures it. */
    public static final Map<SettingKey, String> DEFAULTS = Map.ofEntries(
            Map.entry(GITHUB_OAUTH_ENABLED, "false"),
            Map.entry(GITHUB_AUTHORIZATION_ENDPOINT, "https://github.com/login/oauth/authorize"),
            Map.entry(GITHUB_TOKEN_ENDPOINT, "https://github.com/login/oauth/access_token"),
            Map.entry(GITHUB_API_ENDPOINT, "https://api.github.com"),
            Map.entry(GITHUB_REGISTRATION_ENABLED, "true"),
            Map.entry(LINUXDO_OAUTH_ENABLED, "false"),
            Map.entry(LINUXDO_AUTHORIZATION_ENDPOINT, "https://connect.linux.do/oauth2/authorize"),
            Map.entry(LINUXDO_TOKEN_ENDPOINT, "https://connect.linux.do/oauth2/token"),
            Map.entry(LINUXDO_USER_ENDPOINT, "https://connect.linux.do/api/user"),
            Map.entry(LINUXDO_REGISTRATION_ENABLED, "true"),
            Map.entry(LINUXDO_MINIMUM_TRUST_LEVEL, "0"),
            Map.entry(LINUXDO_REFUSE_INACTIVE, "true"),
            Map.entry(TELEGRAM_OAUTH_ENABLED, "false"),
            Map.entry(OIDC_ENABLED, "false"),
            Map.entry(OIDC_REGISTRATION_ENABLED, "true"),
            Map.entry(OIDC_MERGE_VERIFIED_EMAIL, "false"));

    private ExternalLoginSettings() {
    }

    public static boolean isExternalLoginSetting(SettingKey key) {
        return OPTIONS.containsValue(key);
    }

    /** The value as stored (a secret still in clear: the caller seals it); {@link IllegalArgumentException} if bad. */
    public static String normalize(String name, SettingKey key, String value) {
        String trimmed = value.trim();
        if (FLAGS.contains(key)) {
            if (!trimmed.equals("true") && !trimmed.equals("false")) {
                throw new IllegalArgumentException(name + " must be true or false");
            }
            return trimmed;
        }
        if (key == LINUXDO_MINIMUM_TRUST_LEVEL) {
            if (!trimmed.matches("[0-4]")) {
                throw new IllegalArgumentException(name + " must be a trust level from 0 to 4");
            }
            return trimmed;
        }
        if (URLS.contains(key)) {
            if (trimmed.isEmpty() && key == SERVER_ADDRESS) {
                return "";
            }
            return url(name, trimmed);
        }
        if (trimmed.length() > 512 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must be at most 512 characters on one line");
        }
        return trimmed;
    }

    private static String url(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http(s) URL without query or fragment");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** One provider's configuration as read now, its secret opened: for building its client registration. */
    public record Provider(ExternalProvider provider, String clientId, String clientSecret,
                           String authorizationEndpoint, String tokenEndpoint, String userEndpoint,
                           boolean registrationEnabled) {
    }

    /** The settings as the logins read them (secrets opened). */
    public record Config(Map<String, String> settings, SecretBox box) {

        public String serverAddress() {
            return value(SERVER_ADDRESS);
        }

        public boolean flag(SettingKey key) {
            return Boolean.parseBoolean(value(key));
        }

        public String value(SettingKey key) {
            String value = settings.get(key.wireName());
            return value == null ? DEFAULTS.getOrDefault(key, "") : value;
        }

        /**
         * Whether a login can be used now: on, with its client (or bot) and, for the redirecting ones, the server
         * address. Opens no secret, so {@code /api/status} may ask it often.
         */
        public boolean usable(ExternalProvider provider) {
            return switch (provider) {
                case GITHUB -> redirecting(GITHUB_OAUTH_ENABLED, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET);
                case LINUX_DO -> redirecting(LINUXDO_OAUTH_ENABLED, LINUXDO_CLIENT_ID, LINUXDO_CLIENT_SECRET);
                case OIDC -> redirecting(OIDC_ENABLED, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)
                        && !value(OIDC_WELL_KNOWN).isEmpty();
                case TELEGRAM -> flag(TELEGRAM_OAUTH_ENABLED) && !value(TELEGRAM_BOT_TOKEN).isEmpty();
            };
        }

        private boolean redirecting(SettingKey enabled, SettingKey clientId, SettingKey clientSecret) {
            return flag(enabled) && !value(clientId).isEmpty() && !value(clientSecret).isEmpty()
                    && !serverAddress().isEmpty();
        }

        private String secret(SettingKey key) {
            String sealed = value(key);
            return sealed.isEmpty() ? "" : box.open(sealed);
        }

        public Provider github() {
            return new Provider(ExternalProvider.GITHUB, value(GITHUB_CLIENT_ID),
                    secret(GITHUB_CLIENT_SECRET), value(GITHUB_AUTHORIZATION_ENDPOINT), value(GITHUB_TOKEN_ENDPOINT),
                    value(GITHUB_API_ENDPOINT) + "/user", flag(GITHUB_REGISTRATION_ENABLED));
        }

        public Provider linuxDo() {
            return new Provider(ExternalProvider.LINUX_DO, value(LINUXDO_CLIENT_ID),
                    secret(LINUXDO_CLIENT_SECRET), value(LINUXDO_AUTHORIZATION_ENDPOINT),
                    value(LINUXDO_TOKEN_ENDPOINT), value(LINUXDO_USER_ENDPOINT),
                    flag(LINUXDO_REGISTRATION_ENABLED));
        }

        /** OIDC's endpoints come from the provider's discovery document, not from here. */
        public Provider oidc() {
            return new Provider(ExternalProvider.OIDC, value(OIDC_CLIENT_ID), secret(OIDC_CLIENT_SECRET), "", "", "",
                    flag(OIDC_REGISTRATION_ENABLED));
        }

        public @Nullable String telegramBotToken() {
            return usable(ExternalProvider.TELEGRAM) ? secret(TELEGRAM_BOT_TOKEN) : null;
        }

        public int linuxDoMinimumTrustLevel() {
            return Integer.parseInt(value(LINUXDO_MINIMUM_TRUST_LEVEL));
        }

        /** The OIDC issuer: the setting, less a {@code /.well-known/openid-configuration} suffix. */
        public String oidcIssuer() {
            String wellKnown = value(OIDC_WELL_KNOWN);
            String suffix = "/.well-known/openid-configuration";
            return wellKnown.endsWith(suffix) ? wellKnown.substring(0, wellKnown.length() - suffix.length())
                    : wellKnown;
        }
    }
}
