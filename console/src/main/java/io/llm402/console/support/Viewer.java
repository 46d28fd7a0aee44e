package io.llm402.console.support;

import io.llm402.projections.access.api.UserView;

/**
 * Who is looking at a console page, read from the user projection for this request (the role is always current).
 * {@code number} is what the page's scripts send as {@code New-Api-User} when they call the management API.
 */
public record Viewer(String userId, long number, String username, String displayName, String role, String group) {

    static Viewer of(UserView user) {
        return new Viewer(user.userId(), user.number(), user.username(), user.displayName(), user.role(),
                user.group());
    }

    public boolean admin() {
        return role.equals("admin") || root();
    }

    public boolean root() {
        return role.equals("root");
    }
}
