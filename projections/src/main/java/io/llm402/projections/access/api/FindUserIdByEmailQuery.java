package io.llm402.projections.access.api;

/** The one live user with this email (case-insensitive); empty when none or several have it. Answers a String. */
public record FindUserIdByEmailQuery(String email) {
}
