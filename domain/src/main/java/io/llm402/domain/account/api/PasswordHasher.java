package io.llm402.domain.account.api;

/**
 * Port for hashing login passwords; the application supplies the algorithm (BCrypt). Injected into the user
 * aggregate's command handlers so that events carry only a hash and an unchanged password appends nothing.
 */
public interface PasswordHasher {

    String hash(String rawPassword);

    boolean matches(String rawPassword, String hash);
}
