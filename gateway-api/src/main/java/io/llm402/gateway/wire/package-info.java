/**
 * The wire, a leaf package that imports nothing orchestrating: SSE events and their reader and writer, JSON bodies and
 * the gateway's one JSON mapper ({@code Json}), client token counts validated, errors in each client's own format, and
 * reading each upstream wire format (usage and output text of whole answers, and stream meters that find a stream's
 * usage, text, errors and final event), shared by native relays and conversions.
 */
@NullMarked
package io.llm402.gateway.wire;

import org.jspecify.annotations.NullMarked;
