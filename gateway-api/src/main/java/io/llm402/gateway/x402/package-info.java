/**
 * The x402 payment protocol, version 2, for the {@code exact} scheme on EVM chains (EIP-3009
 * {@code transferWithAuthorization}): the header messages and their base64 JSON codec, requirement matching, EIP-712
 * digest and secp256k1 signer recovery, local verification of a payment against the server's own requirements, and a
 * client for an x402 facilitator's {@code /verify}, {@code /settle} and {@code /supported} endpoints. It is pure
 * protocol code: no Spring and no dependency on other LLM402 packages, so it can be tested (and reused by test
 * clients) on its own. The gateway's x402 checkout ({@code relay.X402Checkout}) uses it to answer 402 with {@code PAYMENT-REQUIRED}, check a
 * {@code PAYMENT-SIGNATURE} before the upstream call, and settle through the facilitator afterwards.
 */
@NullMarked
package io.llm402.gateway.x402;

import org.jspecify.annotations.NullMarked;
