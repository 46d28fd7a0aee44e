/**
 * Cross-format conversion (api-formats §3.5, §11, §12): pure functions from one wire format's request, answer and
 * stream to another's, with streams as explicit state machines. Usage for billing is read from the upstream's own
 * format elsewhere ({@code metering.UsageNormaliser}); a conversion only re-expresses it for the client.
 */
@NullMarked
package io.llm402.gateway.convert;

import org.jspecify.annotations.NullMarked;
