package io.llm402.gateway.x402;

import java.time.Instant;
import java.util.Map;

/**
 * Shared test data: anvil's well-known dev accounts (test-only keys, public knowledge), USDC on Base Sepolia, and a
 * valid exact payment signed in Java. The same accounts as the viem-generated vectors.
 */
final class X402Fixtures {

    /** Anvil account #1, the payer. */
    static final String PAYER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String PAYER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    /** Anvil account #2, the merchant. */
    static final String PAY_TO = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    /** Anvil account #3, a stranger. */
    static final String OTHER_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    static final String OTHER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

    static final String ASSET = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    static final String NETWORK = "eip155:84532";
    static final Eip712Domain DOMAIN = new Eip712Domain("USDC", "2", 84532, ASSET);
    static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);
    static final long MAX_TIMEOUT_SECONDS = 300;
    static final ResourceInfo RESOURCE =
            new ResourceInfo("https://gateway.example/v1/chat/completions", "Chat completion", "application/json");

    private X402Fixtures() {
    }

    static PaymentRequirements requirements() {
        return new PaymentRequirements("exact", NETWORK, "10000", ASSET, PAY_TO, MAX_TIMEOUT_SECONDS,
                Map.of("name", "USDC", "version", "2"));
    }

    static String nonce(String byteHex) {
        return "0x" + byteHex.repeat(32);
    }

    static Authorization authorization() {
        return new Authorization(PAYER, PAY_TO, "10000", "0",
                String.valueOf(NOW.getEpochSecond() + MAX_TIMEOUT_SECONDS), nonce("11"));
    }

    static PaymentPayload payload() {
        return payload(authorization());
    }

    static PaymentPayload payload(Authorization authorization) {
        return payload(authorization, PAYER_KEY, DOMAIN);
    }

    static PaymentPayload payload(Authorization authorization, String key, Eip712Domain domain) {
        return new PaymentPayload(2, RESOURCE, requirements(),
                new ExactEvmPayload(Eip3009.sign(domain, authorization, key), authorization));
    }
}
