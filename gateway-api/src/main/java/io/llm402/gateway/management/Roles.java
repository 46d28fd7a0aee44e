package io.llm402.gateway.management;

import io.llm402.domain.account.api.Role;

/** new-api's numeric role values on the wire. */
public final class Roles {

    public static final int GUEST = 0;
    public static final int USER = 1;
    public static final int ADMIN = 10;
    public static final int ROOT = 100;

    private Roles() {
    }

    public static int wireValue(Role role) {
        return switch (role) {
            case USER -> USER;
            case ADMIN -> ADMIN;
            case ROOT -> ROOT;
        };
    }

    public static Role fromWireValue(int value) {
        return switch (value) {
            case USER -> Role.USER;
            case ADMIN -> Role.ADMIN;
            case ROOT -> Role.ROOT;
            default -> throw ManagementException.badRequest("role must be 1 (user), 10 (admin) or 100 (root)");
        };
    }
}
