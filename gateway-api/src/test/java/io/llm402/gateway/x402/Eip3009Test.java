package io.llm402.gateway.x402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Eip3009Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    /** Anvil account #0 and a known answer computed with viem 2.57.20 ({@code hashTypedData}, {@code signTypedData}). */
    private static final String KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String ADDRESS_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final Authorization VIEM_AUTHORIZATION = new Authorization(ADDRESS_0,
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "10000", "0", "1800000000", X402Fixtures.nonce("11"));
    private static final String VIEM_DIGEST = "0x3e066e3f86f78503bc93942767028e4c50e73a43505c877fad6fd43cb6965b15";
    /** v = 27. */
    private static final String VIEM_SIGNATURE = "0x255ef222464d2ab7da8446d22743c035582e33e7d4447776daf0e274cc6ec273"
            + "149b4da3928bb0f2ffa76355a08810354fa83579bad49d495196c4ee876dd4d91b";
    /** The same authorization with nonce 0x1313…13, which viem signs with v = 28. */
    private static final String VIEM_SIGNATURE_V28 = "0x2c6a868a9de2e13041bd0feed4bcae5f6360d0f466a1165236f37360973b1690"
            + "77af43093ee5b31fa635c692578468f6d4a9e976bac27eb1ec09bd043c7a597d1c";

    @Test
    void theTypeHashIsFiatTokens() {
        assertThat(HEX.formatHex(Eip3009.TRANSFER_TYPE_HASH))
                .isEqualTo("7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267");
    }

    @Test
    void theDigestIsViems() {
        assertThat(hex(Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION))).isEqualTo(VIEM_DIGEST);
    }

    @Test
    void signingIsDeterministicAndMatchesViem() {
        assertThat(Eip3009.sign(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION, KEY_0)).isEqualTo(VIEM_SIGNATURE);
        assertThat(Eip3009.sign(X402Fixtures.DOMAIN, withNonce("13"), KEY_0)).isEqualTo(VIEM_SIGNATURE_V28);
    }

    @Test
    void viemsSignaturesRecoverToTheChecksummedSigner() throws X402Exception {
        assertThat(Eip3009.recoverSigner(Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION), VIEM_SIGNATURE))
                .isEqualTo(ADDRESS_0);
        assertThat(Eip3009.recoverSigner(Eip3009.digest(X402Fixtures.DOMAIN, withNonce("13")), VIEM_SIGNATURE_V28))
                .isEqualTo(ADDRESS_0);
    }

    @Test
    void signThenRecoverGivesTheKeysAddress() throws X402Exception {
        Authorization authorization = X402Fixtures.authorization();
        String signature = Eip3009.sign(X402Fixtures.DOMAIN, authorization, X402Fixtures.PAYER_KEY);

        assertThat(signature).startsWith("0x").hasSize(2 + 130);
        assertThat(Eip3009.recoverSigner(Eip3009.digest(X402Fixtures.DOMAIN, authorization), signature))
                .isEqualTo(X402Fixtures.PAYER)
                .isEqualTo(Eip3009.addressOf(X402Fixtures.PAYER_KEY));
        assertThat(Eip3009.addressOf(KEY_0)).isEqualTo(ADDRESS_0);
    }

    @Test
    void aSignatureForAnotherDomainRecoversToAStranger() throws X402Exception {
        Eip712Domain mainnetName = new Eip712Domain("USD Coin", "2", 84532, X402Fixtures.ASSET);
        String signature = Eip3009.sign(mainnetName, VIEM_AUTHORIZATION, KEY_0);

        assertThat(Eip3009.recoverSigner(Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION), signature))
                .isNotEqualToIgnoringCase(ADDRESS_0);
    }

    @Test
    void vZeroAndOneAreReadAs27And28() throws X402Exception {
        byte[] digest27 = Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION);
        byte[] digest28 = Eip3009.digest(X402Fixtures.DOMAIN, withNonce("13"));

        assertThat(Eip3009.recoverSigner(digest27, withV(VIEM_SIGNATURE, 0))).isEqualTo(ADDRESS_0);
        assertThat(Eip3009.recoverSigner(digest28, withV(VIEM_SIGNATURE_V28, 1))).isEqualTo(ADDRESS_0);
        // The wrong parity recovers another key, never ours.
        assertThat(Eip3009.recoverSigner(digest27, withV(VIEM_SIGNATURE, 28))).isNotEqualTo(ADDRESS_0);
    }

    @Test
    void anyOtherVIsRefused() {
        byte[] digest = Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION);
        for (int v : new int[] {2, 26, 29, 35, 37, 255}) {
            assertThatThrownBy(() -> Eip3009.recoverSigner(digest, withV(VIEM_SIGNATURE, v)))
                    .as("v = %d", v)
                    .isInstanceOfSatisfying(X402Exception.class,
                            e -> assertThat(e.reason()).isEqualTo("invalid_exact_evm_signature"));
        }
    }

    @Test
    void theHighSTwinOfAValidSignatureIsRefused() throws X402Exception {
        byte[] digest = Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION);
        String r = VIEM_SIGNATURE.substring(2, 66);
        BigInteger s = new BigInteger(VIEM_SIGNATURE.substring(66, 130), 16);
        String highS = String.format("%064x", N.subtract(s));
        String twin = "0x" + r + highS + "1c"; // v flipped from 27 to 28: the same signer, mathematically

        assertThat(Eip3009.recoverSigner(digest, VIEM_SIGNATURE)).isEqualTo(ADDRESS_0);
        assertThatThrownBy(() -> Eip3009.recoverSigner(digest, twin))
                .isInstanceOfSatisfying(X402Exception.class,
                        e -> assertThat(e.reason()).isEqualTo("invalid_exact_evm_signature"));
    }

    @Test
    void zeroROrSIsRefused() {
        byte[] digest = Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION);
        String zero = "0".repeat(64);
        for (String signature : new String[] {
                "0x" + zero + VIEM_SIGNATURE.substring(66),
                "0x" + VIEM_SIGNATURE.substring(2, 66) + zero + "1b"}) {
            assertThatThrownBy(() -> Eip3009.recoverSigner(digest, signature))
                    .isInstanceOfSatisfying(X402Exception.class,
                            e -> assertThat(e.reason()).isEqualTo("invalid_exact_evm_signature"));
        }
    }

    @Test
    void signaturesThatAreNot65BytesOfHexDoNotParse() {
        byte[] digest = Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION);
        for (String signature : new String[] {
                VIEM_SIGNATURE.substring(0, 2 + 128), // 64 bytes, v dropped
                VIEM_SIGNATURE + "00", // 66 bytes
                VIEM_SIGNATURE.substring(0, VIEM_SIGNATURE.length() - 1), // odd length
                "0x" + "zz".repeat(65),
                "",
                "0x"}) {
            assertThatThrownBy(() -> Eip3009.recoverSigner(digest, signature))
                    .as(signature)
                    .isInstanceOfSatisfying(X402Exception.class, e -> assertThat(e.reason())
                            .isEqualTo("invalid_exact_evm_failed_to_parse_signature"));
        }
    }

    @Test
    void theHexPrefixAndCaseOfASignatureDoNotMatter() throws X402Exception {
        byte[] digest = Eip3009.digest(X402Fixtures.DOMAIN, VIEM_AUTHORIZATION);

        assertThat(Eip3009.recoverSigner(digest, VIEM_SIGNATURE.substring(2))).isEqualTo(ADDRESS_0);
        assertThat(Eip3009.recoverSigner(digest, "0x" + VIEM_SIGNATURE.substring(2).toUpperCase()))
                .isEqualTo(ADDRESS_0);
    }

    @Test
    void malformedFieldsAreNotHashed() {
        assertThat(Eip3009.isWellFormed(VIEM_AUTHORIZATION)).isTrue();
        Authorization shortNonce = new Authorization(ADDRESS_0, ADDRESS_0, "1", "0", "1", "0x1234");
        Authorization negative = new Authorization(ADDRESS_0, ADDRESS_0, "-1", "0", "1", X402Fixtures.nonce("11"));
        Authorization tooBig = new Authorization(ADDRESS_0, ADDRESS_0, BigInteger.ONE.shiftLeft(256).toString(), "0",
                "1", X402Fixtures.nonce("11"));
        Authorization badAddress = new Authorization("0x1234", ADDRESS_0, "1", "0", "1", X402Fixtures.nonce("11"));
        for (Authorization authorization : new Authorization[] {shortNonce, negative, tooBig, badAddress}) {
            assertThat(Eip3009.isWellFormed(authorization)).as(authorization.toString()).isFalse();
            assertThatThrownBy(() -> Eip3009.digest(X402Fixtures.DOMAIN, authorization))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Authorization largest = new Authorization(ADDRESS_0, ADDRESS_0,
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString(), "0", "1", X402Fixtures.nonce("ff"));
        assertThat(Eip3009.digest(X402Fixtures.DOMAIN, largest)).hasSize(32);
    }

    private static Authorization withNonce(String byteHex) {
        Authorization a = VIEM_AUTHORIZATION;
        return new Authorization(a.from(), a.to(), a.value(), a.validAfter(), a.validBefore(),
                X402Fixtures.nonce(byteHex));
    }

    private static String withV(String signature, int v) {
        return signature.substring(0, signature.length() - 2) + String.format("%02x", v);
    }

    private static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }
}
