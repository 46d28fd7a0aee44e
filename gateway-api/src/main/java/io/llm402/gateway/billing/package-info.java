/**
 * What the ledger needs from this deployment: the node's identity, the billing settings ({@code llm402.billing.*}),
 * and the read model that recovery starts from. The ledger itself (allowances, group commit, recovery) lives in
 * {@code io.llm402.domain.ledger}; the request path sees it as {@code UsageLedger}.
 */
@NullMarked
package io.llm402.gateway.billing;

import org.jspecify.annotations.NullMarked;
