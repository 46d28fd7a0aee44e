/** Turning a request's usage into money: price terms, the cost formula, usage normalisation and token estimates. */
@NullMarked
package io.llm402.gateway.metering;

import org.jspecify.annotations.NullMarked;
