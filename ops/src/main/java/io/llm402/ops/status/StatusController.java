package io.llm402.ops.status;

import static io.llm402.domain.settings.api.SettingKey.GITHUB_CLIENT_ID;
import static io.llm402.domain.settings.api.SettingKey.LINUXDO_CLIENT_ID;
import static io.llm402.domain.settings.api.SettingKey.LINUXDO_MINIMUM_TRUST_LEVEL;
import static io.llm402.domain.settings.api.SettingKey.OIDC_CLIENT_ID;
import static io.llm402.domain.settings.api.SettingKey.TELEGRAM_BOT_NAME;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.QuotaUnits;
import io.llm402.gateway.management.auth.ExternalClientRegistrations;
import io.llm402.gateway.management.auth.ExternalLoginSettings;
import io.llm402.ops.persistence.JdbcTarget;
import java.lang.management.ManagementFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: what an operator or a load balancer asks first. Public, reveals no secret or URL. */
@RestController
class StatusController {

    private final ApplicationAvailability availability;
    private final JdbcTarget database;
    private final HazelcastInstance hazelcast;
    private final Catalog catalog;
    private final ExternalClientRegistrations logins;
    private final String version;
    private final long startTime = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;

    StatusController(ApplicationAvailability availability, JdbcTarget database, HazelcastInstance hazelcast,
                     Catalog catalog, ExternalClientRegistrations logins, ObjectProvider<BuildProperties> build) {
        this.logins = logins;
        this.availability = availability;
        this.database = database;
        this.hazelcast = hazelcast;
        this.catalog = catalog;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
    }

    /**
     * 200 once ready; 503 while starting (bootstrap and recovery still running), so load balancers wait. In new-api's
     * envelope, with the fields its console reads (login methods and their public client ids; none of the external
     * logins exists yet, so each is off).
     */
    @GetMapping("/api/status")
    ResponseEntity<Envelope<StatusView>> status() {
        // How many, never where: member addresses are not for anonymous callers.
        int members = hazelcast.getCluster().getMembers().size();
        long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        ExternalLoginSettings.Config config = logins.config();
        StatusView status = new StatusView(ready, version, database.kind().wireName(), members, uptimeSeconds,
                "LLM402", startTime, true, catalog.snapshot().flag(SettingKey.PASSWORD_LOGIN_ENABLED.wireName(), true),
                catalog.snapshot().flag(SettingKey.REGISTER_ENABLED.wireName(), true),
                config.usable(ExternalProvider.GITHUB), publicValue(config, GITHUB_CLIENT_ID, ExternalProvider.GITHUB),
                config.usable(ExternalProvider.LINUX_DO),
                publicValue(config, LINUXDO_CLIENT_ID, ExternalProvider.LINUX_DO),
                Integer.parseInt(config.value(LINUXDO_MINIMUM_TRUST_LEVEL)),
                config.usable(ExternalProvider.TELEGRAM),
                publicValue(config, TELEGRAM_BOT_NAME, ExternalProvider.TELEGRAM),
                config.usable(ExternalProvider.OIDC), publicValue(config, OIDC_CLIENT_ID, ExternalProvider.OIDC),
                config.usable(ExternalProvider.OIDC) ? "/oauth2/authorization/oidc" : "", false, "",
                false, QuotaUnits.QUOTA_PER_USD, true);
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Envelope<>(ready, ready ? "" : "starting", status, null));
    }

    /** A login's public value (client id, bot name), shown only while that login is usable. */
    private static String publicValue(ExternalLoginSettings.Config config, SettingKey key,
                                      ExternalProvider provider) {
        return config.usable(provider) ? config.value(key) : "";
    }

    record StatusView(boolean ready, String version, String database, int clusterMembers, long uptimeSeconds,
                      String systemName, long startTime, boolean setup, boolean passwordLoginEnabled,
                      boolean passwordRegisterEnabled, boolean githubOauth, String githubClientId,
                      boolean linuxdoOauth, String linuxdoClientId, int linuxdoMinimumTrustLevel,
                      boolean telegramOauth, String telegramBotName, boolean oidcEnabled, String oidcClientId,
                      String oidcAuthorizationEndpoint, boolean turnstileCheck, String turnstileSiteKey,
                      boolean emailVerification, long quotaPerUnit, boolean displayInCurrency) {
    }
}
