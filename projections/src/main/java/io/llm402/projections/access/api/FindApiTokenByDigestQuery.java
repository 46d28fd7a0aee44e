package io.llm402.projections.access.api;

/** Answers an {@code Optional<ApiTokenView>} for the token whose key has this digest. */
public record FindApiTokenByDigestQuery(String keyDigest) {
}
