/**
 * Reading each upstream wire format: usage and output text of whole answers, and stream meters that find a stream's
 * usage, text and final event. Shared by native relays and conversions, which read the upstream's format the same way.
 */
@NullMarked
package io.llm402.gateway.wire;

import org.jspecify.annotations.NullMarked;
