package io.llm402.domain.access.api;

/** The token does not exist, was deleted, or belongs to someone else (all three look the same to the caller). */
public class NoSuchApiTokenException extends RuntimeException {

    public NoSuchApiTokenException() {
        super("no such token", null, false, false);
    }
}
