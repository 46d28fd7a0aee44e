/**
 * The HTTP surface: relay endpoints, format adaptors, routing, metering and x402 (docs/architecture.md is the map).
 * Depends only on the {@code api} packages of {@code domain} and {@code projections}.
 */
@NullMarked
package io.llm402.gateway;

import org.jspecify.annotations.NullMarked;
