package io.llm402.gateway.x402;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks an exact/EVM/EIP-3009 payment without the chain: that it answers one of our requirements, that the payer
 * really signed it for our token on our chain, to our address, for exactly our price, and that it is valid now and
 * not for too long. What only the chain knows (balance, nonce already used or cancelled, blacklisting) is left to the
 * facilitator, and replays before settlement to the caller's single-use claim on (chain, asset, from, nonce).
 */
public final class ExactEvmVerifier {

    private static final String EXACT = "exact";

    private final Duration validBeforeMargin;
    private final Duration clockSkew;

    /**
     * @param validBeforeMargin how long an authorization must still be valid for, so that settlement can land before
     *                          it expires (the reference SDK uses 6 s, about three Base blocks)
     * @param clockSkew         how far the client's clock may run ahead of ours when it computed validBefore
     */
    public ExactEvmVerifier(Duration validBeforeMargin, Duration clockSkew) {
        if (validBeforeMargin.isNegative() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("margins are never negative");
        }
        this.validBeforeMargin = validBeforeMargin;
        this.clockSkew = clockSkew;
    }

    /**
     * Checks in the reference facilitator's order, so a payment wrong in several ways gets the same reason from us as
     * from it.
     *
     * @param ours   the requirement this server issues for this very request (price recomputed, not echoed)
     * @param domain the token's EIP-712 domain from the server's configuration, never from the client's {@code extra}
     */
    public Verification verify(PaymentPayload payload, PaymentRequirements ours, Eip712Domain domain, Instant now) {
        Objects.requireNonNull(payload, "payload");
        if (payload.x402Version() != X402Codec.X402_VERSION) {
            return Verification.invalid(Reasons.INVALID_X402_VERSION);
        }
        if (!RequirementMatcher.matches(payload.accepted(), ours)) {
            return Verification.invalid(Reasons.INVALID_PAYMENT_REQUIREMENTS);
        }
        if (!EXACT.equals(payload.accepted().scheme())) {
            return Verification.invalid(Reasons.INVALID_SCHEME);
        }
        Authorization authorization = payload.payload().authorization();
        // The digest needs every field in shape (the nonce included), so the shape is checked before the signature.
        if (!Eip3009.isWellFormed(authorization)) {
            return Verification.invalid(Reasons.INVALID_PAYLOAD);
        }
        String signer;
        try {
            signer = Eip3009.recoverSigner(Eip3009.digest(domain, authorization), payload.payload().signature());
        } catch (X402Exception e) {
            return Verification.invalid(e.reason());
        }
        if (!signer.equalsIgnoreCase(authorization.from())) {
            return Verification.invalid(Reasons.INVALID_SIGNATURE);
        }
        if (!authorization.to().equalsIgnoreCase(ours.payTo())) {
            return Verification.invalid(Reasons.RECIPIENT_MISMATCH);
        }
        BigInteger nowSeconds = BigInteger.valueOf(now.getEpochSecond());
        BigInteger validBefore = new BigInteger(authorization.validBefore());
        BigInteger earliestValidBefore = nowSeconds.add(BigInteger.valueOf(ceilSeconds(validBeforeMargin)));
        BigInteger latestValidBefore = nowSeconds.add(BigInteger.valueOf(ours.maxTimeoutSeconds()))
                .add(BigInteger.valueOf(ceilSeconds(clockSkew)));
        // Too close to expiry and settlement would revert; too far out and the signature outlives what we offered.
        if (validBefore.compareTo(earliestValidBefore) < 0 || validBefore.compareTo(latestValidBefore) > 0) {
            return Verification.invalid(Reasons.VALID_BEFORE);
        }
        if (new BigInteger(authorization.validAfter()).compareTo(nowSeconds) > 0) {
            return Verification.invalid(Reasons.VALID_AFTER);
        }
        // Exact means exact: neither less nor more than the price.
        if (!new BigInteger(authorization.value()).equals(new BigInteger(ours.amount()))) {
            return Verification.invalid(Reasons.VALUE_MISMATCH);
        }
        return Verification.valid(signer);
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
