/**
 * The ledger: money in integer nano-USD, double entry, two-phase transfers. {@code Wallet} is the one aggregate with
 * an invariant (its balance never goes below zero); it funds short-lived allowances that one node spends from,
 * request by request. {@code Allowance} is an allowance's decision model (reserve, post, void, expire, close — each
 * returns the events it makes); {@code AllowanceBook} is a node's allowances and their lifecycle, behind the
 * {@code UsageLedger} port the gateway calls; its events are group committed. {@code AllowanceRecovery} resolves what a
 * node left open after a crash, and {@code LedgerConfiguration} wires it all, with the sweep that expires stuck
 * reservations. The decision records are in {@code docs/architecture.md}.
 */
@NullMarked
package io.llm402.domain.ledger;

import org.jspecify.annotations.NullMarked;
