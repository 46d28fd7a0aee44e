package io.llm402.gateway.management;

import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.projections.access.api.Bindings;
import io.llm402.projections.access.api.ExternalIdentityView;
import io.llm402.projections.access.api.UserView;
import org.jspecify.annotations.Nullable;

/**
 * A user as new-api's API shows one (its field names and wire values), with the subject of each bound external
 * login in new-api's per-provider fields (WeChat is never bound here). No password, hash or token is ever part of it.
 *
 * @param status 1 enabled, 2 disabled
 * @param quota  the wallet balance in new-api's quota units ({@link QuotaUnits})
 */
public record UserJson(long id, String username, String displayName, int role, int status, String email,
                       String group, long quota, long usedQuota, long requestCount, String githubId, String oidcId,
                       String wechatId, String telegramId, String linuxDoId, String balanceUsd) {

    public static UserJson of(UserView user, long balanceNanoUsd, long spentNanoUsd, long requests,
                              Bindings bindings) {
        return new UserJson(user.number(), user.username(), user.displayName(), Roles.wireValue(role(user)),
                user.disabled() ? 2 : 1, nullToEmpty(user.email()), user.group(), QuotaUnits.toQuota(balanceNanoUsd),
                QuotaUnits.toQuota(spentNanoUsd), requests, subject(bindings, ExternalProvider.GITHUB),
                subject(bindings, ExternalProvider.OIDC), "", subject(bindings, ExternalProvider.TELEGRAM),
                subject(bindings, ExternalProvider.LINUX_DO), NanoUsd.toUsdString(balanceNanoUsd));
    }

    private static String subject(Bindings bindings, ExternalProvider provider) {
        return bindings.of(provider.wireName()).map(ExternalIdentityView::subject).orElse("");
    }

    public static Role role(UserView user) {
        return Role.fromWireName(user.role());
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
