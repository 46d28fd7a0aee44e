package io.llm402.domain.account.api;

/** new-api's {@code POST /api/user/manage} actions. */
public enum UserAction {
    ENABLE,
    DISABLE,
    DELETE,
    PROMOTE,
    DEMOTE
}
