package io.llm402.gateway.x402;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * EIP-712 hashing, signing and signer recovery for the one typed message x402 exact/EVM uses, EIP-3009's
 * {@code TransferWithAuthorization}. The encoding is written out by hand for this fixed type (it is a handful of
 * 32-byte words) rather than going through a generic typed-data JSON encoder, so what is hashed is plain to see.
 */
public final class Eip3009 {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern UINT = Pattern.compile("[0-9]{1,78}");
    private static final Pattern SIGNATURE = Pattern.compile("(0x)?[0-9a-fA-F]{130}");
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    /** The order n of the secp256k1 group; a signature's s must be at most n/2 (EIP-2, and FiatToken's ecrecover). */
    private static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

    private static final byte[] DOMAIN_TYPE_HASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /** 0x7c7c6cdb…2267, the {@code TRANSFER_WITH_AUTHORIZATION_TYPEHASH} constant of Circle's FiatToken. */
    static final byte[] TRANSFER_TYPE_HASH = keccak("TransferWithAuthorization(address from,address to,"
            + "uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");

    private Eip3009() {
    }

    /**
     * The 32-byte EIP-712 digest that the payer signs: keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash).
     *
     * @throws IllegalArgumentException when a field of the authorization is not well-formed (check with
     *                                  {@link #isWellFormed(Authorization)} first when it comes from a client)
     */
    public static byte[] digest(Eip712Domain domain, Authorization authorization) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(66);
        message.write(0x19);
        message.write(0x01);
        message.writeBytes(domainSeparator(domain));
        message.writeBytes(structHash(authorization));
        return Hash.sha3(message.toByteArray());
    }

    static byte[] domainSeparator(Eip712Domain domain) {
        return Hash.sha3(concat(DOMAIN_TYPE_HASH, keccak(domain.name()), keccak(domain.version()),
                uint256(BigInteger.valueOf(domain.chainId())), address(domain.verifyingContract())));
    }

    static byte[] structHash(Authorization authorization) {
        return Hash.sha3(concat(TRANSFER_TYPE_HASH, address(authorization.from()), address(authorization.to()),
                uint256(authorization.value()), uint256(authorization.validAfter()),
                uint256(authorization.validBefore()), bytes32(authorization.nonce())));
    }

    /**
     * The checksummed address that produced a 65-byte r‖s‖v signature over {@code digest}. v may be 27/28 or 0/1;
     * high-s signatures (the malleable twin of a valid one) are refused, as the token contract would refuse them.
     *
     * @throws X402Exception {@code invalid_exact_evm_failed_to_parse_signature} when it is not 65 bytes of hex,
     *                       {@code invalid_exact_evm_signature} when it is not a valid, canonical signature
     */
    public static String recoverSigner(byte[] digest, String signatureHex) throws X402Exception {
        if (digest.length != 32) {
            throw new IllegalArgumentException("an EIP-712 digest is 32 bytes");
        }
        if (!SIGNATURE.matcher(signatureHex).matches()) {
            // Longer signatures are ERC-1271/ERC-6492 smart wallets: verifying them needs the chain.
            throw new X402Exception(Reasons.FAILED_TO_PARSE_SIGNATURE, "the signature is not 65 bytes of hex");
        }
        byte[] signature = HEX.parseHex(signatureHex.startsWith("0x") ? signatureHex.substring(2) : signatureHex);
        byte[] r = Arrays.copyOfRange(signature, 0, 32);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        int v = signature[64] & 0xff;
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw new X402Exception(Reasons.INVALID_SIGNATURE, "the signature's v is neither 27 nor 28");
        }
        BigInteger rValue = new BigInteger(1, r);
        BigInteger sValue = new BigInteger(1, s);
        if (rValue.signum() == 0 || rValue.compareTo(CURVE_ORDER) >= 0 || sValue.signum() == 0) {
            throw new X402Exception(Reasons.INVALID_SIGNATURE, "the signature's r or s is out of range");
        }
        if (sValue.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new X402Exception(Reasons.INVALID_SIGNATURE, "the signature has a high s");
        }
        BigInteger publicKey;
        try {
            publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData((byte) v, r, s));
        } catch (SignatureException | RuntimeException e) {
            // web3j throws unchecked exceptions too for points that are not on the curve.
            throw new X402Exception(Reasons.INVALID_SIGNATURE, "no public key recovers from the signature", e);
        }
        return Keys.toChecksumAddress(Keys.getAddress(publicKey));
    }

    /**
     * Signs an authorization as a wallet would (RFC 6979 deterministic, low-s, v = 27/28), for tests and the Java test
     * client. Returns 0x plus 130 hex digits.
     */
    public static String sign(Eip712Domain domain, Authorization authorization, String privateKeyHex) {
        Sign.SignatureData signature = Sign.signMessage(digest(domain, authorization), keyPair(privateKeyHex), false);
        return "0x" + HEX.formatHex(concat(signature.getR(), signature.getS(), signature.getV()));
    }

    /** The checksummed address of a private key. */
    public static String addressOf(String privateKeyHex) {
        return Keys.toChecksumAddress(Keys.getAddress(keyPair(privateKeyHex)));
    }

    /** Whether every field has the shape the EIP-712 encoding needs (addresses, uint256 decimals, a bytes32 nonce). */
    public static boolean isWellFormed(Authorization authorization) {
        return isAddress(authorization.from()) && isAddress(authorization.to()) && isUint256(authorization.value())
                && isUint256(authorization.validAfter()) && isUint256(authorization.validBefore())
                && isBytes32(authorization.nonce());
    }

    public static boolean isAddress(String value) {
        return ADDRESS.matcher(value).matches();
    }

    public static boolean isBytes32(String value) {
        return BYTES32.matcher(value).matches();
    }

    /** A decimal string (leading zeros allowed, no sign) whose value fits in 256 bits. */
    public static boolean isUint256(String value) {
        return UINT.matcher(value).matches() && new BigInteger(value).compareTo(UINT256_LIMIT) < 0;
    }

    private static ECKeyPair keyPair(String privateKeyHex) {
        String hex = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a private key is 32 bytes");
        }
        return ECKeyPair.create(new BigInteger(1, HEX.parseHex(hex)));
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] address(String value) {
        if (!isAddress(value)) {
            throw new IllegalArgumentException("not an address: " + value);
        }
        byte[] word = new byte[32];
        System.arraycopy(HEX.parseHex(value, 2, value.length()), 0, word, 12, 20);
        return word;
    }

    private static byte[] bytes32(String value) {
        if (!isBytes32(value)) {
            throw new IllegalArgumentException("not a bytes32: " + value);
        }
        return HEX.parseHex(value, 2, value.length());
    }

    private static byte[] uint256(String decimal) {
        if (!isUint256(decimal)) {
            throw new IllegalArgumentException("not a uint256: " + decimal);
        }
        return uint256(new BigInteger(decimal));
    }

    /** Big-endian, left-padded to 32 bytes. */
    private static byte[] uint256(BigInteger value) {
        byte[] magnitude = value.toByteArray(); // may carry a leading sign byte of 0
        byte[] word = new byte[32];
        int length = Math.min(magnitude.length, 32);
        System.arraycopy(magnitude, magnitude.length - length, word, 32 - length, length);
        return word;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(parts.length * 32);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
