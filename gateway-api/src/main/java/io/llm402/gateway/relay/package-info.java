/** Moving bytes between an upstream and the client, streaming included. */
@NullMarked
package io.llm402.gateway.relay;

import org.jspecify.annotations.NullMarked;
