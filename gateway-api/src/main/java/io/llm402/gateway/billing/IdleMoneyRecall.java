package io.llm402.gateway.billing;

/**
 * Brings a user's money back to the wallet from wherever it sits idle: every node holds its own tranches per key, so
 * with a small balance one node can be out of money while another holds the rest unused. Asked when a reservation
 * is refused for want of balance, before the refusal is final; implemented across the cluster in {@code ops}.
 */
public interface IdleMoneyRecall {

    /** Returns the user's idle allowances on every node (this one included); waits a bounded time. */
    void recall(String userId);
}
