package io.llm402.projections.access.api;

/** Answers an {@code Optional<UserView>}: the user whose management access token has this digest. */
public record FindUserByAccessTokenQuery(String tokenDigest) {
}
