/**
 * x402 payments: one aggregate per signed authorization, created by claiming it. Its identifier is derived from
 * (network, asset, payer, nonce), so a second claim of the same signature fails in the event store itself, on every
 * node, before any upstream call is made. Money moves in the ledger context (a settled payment is a wallet deposit).
 */
@NullMarked
package io.llm402.domain.payment;

import org.jspecify.annotations.NullMarked;
