/**
 * The HTTP surface: relay endpoints, format adaptors, routing, metering, x402 and the management REST API.
 * Depends only on the {@code api} packages of {@code domain} and {@code projections}.
 */
@NullMarked
package io.llm402.gateway;

import org.jspecify.annotations.NullMarked;
