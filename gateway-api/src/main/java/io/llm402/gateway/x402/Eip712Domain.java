package io.llm402.gateway.x402;

import java.util.Objects;

/**
 * The token's EIP-712 domain that an EIP-3009 authorization is signed against. Always built from the server's own
 * configuration for (chain, token): a client's {@code extra.name}/{@code version} only tells us what it signed with.
 * Note that one token can carry different names on different chains (USDC is "USD Coin" on Base, "USDC" on Base
 * Sepolia); a wrong name does not fail loudly, it just makes every signature recover to a stranger.
 *
 * @param verifyingContract the token contract address (0x plus 40 hex digits)
 */
public record Eip712Domain(String name, String version, long chainId, String verifyingContract) {

    public Eip712Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verifyingContract, "verifyingContract");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain IDs are positive");
        }
        if (!Eip3009.isAddress(verifyingContract)) {
            throw new IllegalArgumentException("verifyingContract is not an address: " + verifyingContract);
        }
    }
}
