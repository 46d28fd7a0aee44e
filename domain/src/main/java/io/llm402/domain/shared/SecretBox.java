package io.llm402.domain.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * Everything LLM402 does with {@code CRYPTO_SECRET}: seals upstream keys at rest (AES-256-GCM), fingerprints them
 * (so a changed key can be detected without decrypting), and digests API token keys for lookup (HMAC-SHA256, so a
 * short operator-chosen key cannot be brute-forced from the event store). Keys are derived with the JDK's HKDF.
 * Every node of a cluster must use the same secret.
 */
public final class SecretBox {

    private static final String SEALED_PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey sealingKey;
    private final SecretKey fingerprintKey;
    private final SecretKey tokenDigestKey;
    private final SecretKey accessTokenDigestKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(String cryptoSecret) {
        if (cryptoSecret.length() < 16) {
            throw new IllegalArgumentException("CRYPTO_SECRET must be at least 16 characters");
        }
        byte[] ikm = cryptoSecret.getBytes(StandardCharsets.UTF_8);
        this.sealingKey = derive(ikm, "llm402 seal v1", "AES");
        this.fingerprintKey = derive(ikm, "llm402 fingerprint v1", "HmacSHA256");
        this.tokenDigestKey = derive(ikm, "llm402 api token digest v1", "HmacSHA256");
        this.accessTokenDigestKey = derive(ikm, "llm402 access token digest v1", "HmacSHA256");
    }

    public String seal(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return SEALED_PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Opens a value sealed with the same secret; fails (without revealing anything) on any other. */
    public String open(String sealed) {
        if (!sealed.startsWith(SEALED_PREFIX)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(SEALED_PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value cannot be opened: was CRYPTO_SECRET changed?");
        }
    }

    /** A stable, non-reversible fingerprint of a secret, for change detection. */
    public String fingerprint(String secret) {
        return hmacHex(fingerprintKey, secret);
    }

    /** The lookup digest of an API token key. */
    public String tokenDigest(String tokenKey) {
        return hmacHex(tokenDigestKey, tokenKey);
    }

    /** The lookup digest of a redemption code (prefixed, so that no API key ever matches it). */
    public String redemptionCodeDigest(String code) {
        return tokenDigest("redemption:" + code);
    }

    /** The lookup digest of a user's management access token (its own key: an API key never matches it). */
    public String accessTokenDigest(String accessToken) {
        return hmacHex(accessTokenDigestKey, accessToken);
    }

    /** What may be shown of a key: its first three and last four characters. */
    public static String hint(String key) {
        return key.length() <= 10 ? "…" : key.substring(0, 3) + "…" + key.substring(key.length() - 4);
    }

    private static SecretKey derive(byte[] ikm, String info, String algorithm) {
        try {
            KDF hkdf = KDF.getInstance("HKDF-SHA256");
            return hkdf.deriveKey(algorithm, HKDFParameterSpec.ofExtract()
                    .addIKM(ikm)
                    .thenExpand(info.getBytes(StandardCharsets.UTF_8), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is unavailable", e);
        }
    }

    private static String hmacHex(SecretKey key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
