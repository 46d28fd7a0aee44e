/**
 * Channel operations around the relay: disabling a key or channel when its upstream says it is dead, and testing
 * channels (on demand and on a schedule) so that what the gateway disabled comes back by itself.
 */
@NullMarked
package io.llm402.gateway.channels;

import org.jspecify.annotations.NullMarked;
