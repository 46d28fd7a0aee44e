package io.llm402.domain.ledger.api;

import io.llm402.domain.metering.api.Charge;
import java.util.concurrent.CompletableFuture;

/**
 * The two-phase ledger as the request path sees it (DESIGN §3): reserve the maximum cost before the upstream call,
 * then post the actual cost or void. Reservations are held in this node's allowances and their events are group
 * committed; the futures complete once the events are durable, and a response is never completed before that.
 */
public interface UsageLedger {

    /** Holds the request's maximum cost, funding a new allowance from the wallet when needed. */
    ReserveOutcome reserve(ReserveUsage request);

    /**
     * Deposits a settled payment into the payer's wallet and reserves on it, with no other request of the same token
     * in between (an x402 payment pays for its own request first).
     */
    ReserveOutcome depositAndReserve(DepositPaymentCommand deposit, ReserveUsage request);

    /** Charges the actual cost (an overrun beyond the reservation is covered from the allowance where it can be). */
    CompletableFuture<Void> post(Reservation reservation, Charge charge);

    /** Releases the reservation without a charge. */
    CompletableFuture<Void> voidReservation(Reservation reservation, String reason);

    /**
     * Closes the token's idle allowance on this node and returns its remainder to the wallet before this returns, so
     * every node sees it (x402 credit).
     */
    void returnRemainder(String tokenId);

    /**
     * Closes every idle allowance (nothing pending) this node holds for the user's tokens and returns the remainders
     * to the wallet before this returns: how a node gives back money another node needs for the same user.
     *
     * @return how many allowances were returned
     */
    int returnIdle(String userId);
}
