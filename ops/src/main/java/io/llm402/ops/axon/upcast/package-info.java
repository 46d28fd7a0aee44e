/**
 * Upcasters: each turns one stored event revision into the next, so the event store never needs rewriting. The chain
 * ({@code AxonStorageConfiguration#upcasters}) runs on every read of the store; the golden samples of every revision
 * are read through it in {@code GoldenEventSamplesTest}.
 */
@NullMarked
package io.llm402.ops.axon.upcast;

import org.jspecify.annotations.NullMarked;
