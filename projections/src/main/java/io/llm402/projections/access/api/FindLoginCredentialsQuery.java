package io.llm402.projections.access.api;

/**
 * Answers an {@code Optional<LoginCredentials>} for the user whose username, or else whose email, is {@code login}
 * (new-api's login accepts either); deleted users and users without a password are not found.
 */
public record FindLoginCredentialsQuery(String login) {
}
