/**
 * The request path, in named steps: {@code RelayEngine} tells the story (who calls, read the request, admit it, open
 * the payer, try the channels, deliver). {@code Admission} decides without I/O whether a request may go upstream and
 * what it may cost; {@code Payer} is who pays (an API key's reservation on the {@code UsageLedger}, or an x402 payment
 * through {@code X402Checkout}); {@code ChannelAttempts} is failover in the router's order; {@code WholeRelay} and
 * {@code StreamRelay} deliver an answer and charge it durably before the response completes (a stream fails over until
 * its first event). {@code ClientApi} is what each client API package implements; {@code ApiCall} is a request read
 * once.
 */
@NullMarked
package io.llm402.gateway.relay;

import org.jspecify.annotations.NullMarked;
