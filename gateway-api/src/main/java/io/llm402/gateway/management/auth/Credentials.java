package io.llm402.gateway.management.auth;

import io.llm402.gateway.management.ManagementException;
import org.jspecify.annotations.Nullable;

/** What a username and a password may be. */
public final class Credentials {

    /** BCrypt reads at most 72 bytes: a longer password would be cut silently. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_USERNAME_LENGTH = 32;

    private Credentials() {
    }

    public static String username(@Nullable String username) {
        if (username == null || username.isBlank()) {
            throw ManagementException.badRequest("username is required");
        }
        String trimmed = username.trim();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_USERNAME_LENGTH
                || trimmed.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw ManagementException.badRequest("username must be 1 to " + MAX_USERNAME_LENGTH
                    + " characters without spaces");
        }
        return trimmed;
    }

    public static String password(@Nullable String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ManagementException.badRequest("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ManagementException.badRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        return password;
    }

    public static @Nullable String email(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.trim();
        if (trimmed.length() > 254 || !trimmed.matches("[^@\\s]+@[^@\\s]+")) {
            throw ManagementException.badRequest("email is not an email address");
        }
        return trimmed;
    }

    public static String displayName(@Nullable String displayName, String fallback) {
        if (displayName == null || displayName.isBlank()) {
            return fallback;
        }
        String trimmed = displayName.trim();
        if (trimmed.codePointCount(0, trimmed.length()) > 64 || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ManagementException.badRequest("display_name must be at most 64 characters");
        }
        return trimmed;
    }
}
