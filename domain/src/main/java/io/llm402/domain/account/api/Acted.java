package io.llm402.domain.account.api;

/** A command issued by someone: the application records its actor in the metadata of the events it causes. */
public interface Acted {

    Actor actor();
}
