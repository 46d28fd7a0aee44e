/**
 * The domain: one package per bounded context ({@code account}, {@code access}, {@code channel}, {@code pricing},
 * {@code settings}, {@code ledger}, {@code payment}, {@code metering}). Each context's public messages live in its {@code api} package; its aggregates
 * are package-private. {@code shared} holds value types every context may use.
 */
@NullMarked
package io.llm402.domain;

import org.jspecify.annotations.NullMarked;
