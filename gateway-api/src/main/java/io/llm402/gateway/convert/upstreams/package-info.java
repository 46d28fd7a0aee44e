/** The entry point the API classes use: a Chat exchange with any generative channel, converted where needed. */
@NullMarked
package io.llm402.gateway.convert.upstreams;

import org.jspecify.annotations.NullMarked;
