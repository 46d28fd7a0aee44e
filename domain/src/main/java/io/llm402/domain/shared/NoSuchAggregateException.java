package io.llm402.domain.shared;

/** A command addressed something that does not exist (any more); the message names what, for the caller. */
public class NoSuchAggregateException extends RuntimeException {

    public NoSuchAggregateException(String message) {
        super(message, null, false, false);
    }
}
