package io.llm402.domain.ledger.api;

import io.llm402.domain.shared.NaturalIds;

/**
 * Names of ledger accounts. A user's wallet is an aggregate (it must never go below zero); operator accounts are
 * balances derived in a projection (DESIGN §3).
 */
public final class LedgerAccounts {

    /** Operator account that funds balances granted by configuration (bootstrap file, admin grants). */
    public static final String PROMO_ISSUANCE = "operator:promo-issuance";

    private LedgerAccounts() {
    }

    /**
     * Operator account debited with every settled x402 payment: the USDC that reached the operator's payTo address on
     * chain, which users now hold as balance.
     */
    public static final String X402_CLEARING = "operator:x402-clearing";

    /** Operator account that funds redeemed redemption codes. */
    public static final String REDEMPTIONS = "operator:redemption-issuance";

    /** Operator account on the other side of every admin balance correction. */
    public static final String ADJUSTMENTS = "operator:adjustments";

    /**
     * Operator account that funds the balances users brought from the gateway they were imported from: what the
     * operator owed them there is owed here.
     */
    public static final String IMPORTED_BALANCES = "operator:imported-balances";

    /** Operator account credited with every usage charge. */
    public static final String REVENUE = "operator:revenue";

    public static String allowance(String allowanceId) {
        return "allowance:" + allowanceId;
    }

    public static String wallet(String userId) {
        return NaturalIds.walletId(userId);
    }
}
