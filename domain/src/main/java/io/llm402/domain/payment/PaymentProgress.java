package io.llm402.domain.payment;

/**
 * Where a claimed payment is, and which step may follow: claimed → (verified) → settled, failed or covered by credit;
 * a settled request payment is credited once. Repeating the step already taken is allowed and changes nothing (a
 * retried command); any other step out of order is a programming error.
 */
enum PaymentProgress {
    CLAIMED, VERIFIED, SETTLED, FAILED, COVERED_BY_CREDIT, CREDITED;

    /** Whether moving to {@code next} records something new; {@code false} for a repeat. */
    boolean allows(PaymentProgress next) {
        if (next == this) {
            return false;
        }
        boolean open = this == CLAIMED || this == VERIFIED;
        boolean allowed = switch (next) {
            case CLAIMED -> false;
            case VERIFIED -> this == CLAIMED;
            case SETTLED, FAILED, COVERED_BY_CREDIT -> open;
            case CREDITED -> this == SETTLED;
        };
        if (!allowed) {
            throw new IllegalStateException("a payment that is " + this + " cannot become " + next);
        }
        return true;
    }
}
