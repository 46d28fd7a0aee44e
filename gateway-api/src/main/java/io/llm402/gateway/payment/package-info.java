/**
 * x402 in the gateway: payment terms for a request's maximum cost, the claim of a signed authorization before any
 * upstream call, verification and settlement through the facilitator, deposits on the ledger, and top-ups. The
 * protocol itself (formats, EIP-712, the facilitator client) lives in {@code io.llm402.gateway.x402}.
 */
@NullMarked
package io.llm402.gateway.payment;

import org.jspecify.annotations.NullMarked;
