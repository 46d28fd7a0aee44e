package io.llm402.domain.payment.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identifier of an x402 payment, derived from what makes an EIP-3009 authorization unique on chain: the network,
 * the token, the payer and the nonce. Hashed so it fits a transfer id (64 characters) and is the same on every node.
 */
public final class PaymentIds {

    private PaymentIds() {
    }

    public static String of(String network, String asset, String payer, String nonce) {
        String key = String.join("|", network, asset, payer, nonce).toLowerCase(Locale.ROOT);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "x402-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The pseudo user (and token) an agent without an account is billed as: one per payer address. */
    public static String payerUserId(String payerAddress) {
        return "x402:" + payerAddress.toLowerCase(Locale.ROOT);
    }
}
