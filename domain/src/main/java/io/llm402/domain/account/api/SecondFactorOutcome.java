package io.llm402.domain.account.api;

/** What became of a second-factor code. */
public enum SecondFactorOutcome {
    ACCEPTED,
    /** Wrong, or a time step already used once. */
    REFUSED,
    /** Too many wrong codes: refused, right or wrong, until the lock ends. */
    LOCKED,
    /** The user has no second factor to check (or none set up, for enabling). */
    NOT_SET_UP
}
