package io.llm402.gateway.management;

/**
 * Who may call a route. {@code GUEST} routes are public; {@code API_KEY} routes are public to the security layer and
 * authenticate the caller's API key themselves; the rest need a logged-in user of at least that role
 * (new-api's wire values: user 1, admin 10, root 100).
 */
public enum Access {
    GUEST,
    API_KEY,
    USER,
    ADMIN,
    ROOT
}
