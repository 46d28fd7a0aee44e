package io.llm402.domain.account.api;

import java.util.Locale;

/** What a user may do: use the API ({@code USER}), manage others ({@code ADMIN}), or everything ({@code ROOT}). */
public enum Role {
    USER,
    ADMIN,
    ROOT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (expected user, admin or root)");
    }
}
