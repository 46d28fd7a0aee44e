package io.llm402.domain.account.api;

import java.util.Locale;

/** A way to log in that another service vouches for; the wire name is new-api's (routes, options, user fields). */
public enum ExternalProvider {
    GITHUB("github"),
    LINUX_DO("linuxdo"),
    OIDC("oidc"),
    TELEGRAM("telegram");

    private final String wireName;

    ExternalProvider(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@link IllegalArgumentException} for a name that is none of them. */
    public static ExternalProvider fromWireName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).replace("_", "");
        for (ExternalProvider provider : values()) {
            if (provider.wireName.equals(wanted)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown login provider '" + name + "'");
    }
}
