package io.llm402.gateway.management.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.llm402.domain.account.api.SecondFactorCodes;
import io.llm402.domain.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * TOTP as new-api and every authenticator app have it (RFC 6238: HMAC-SHA1, 6 digits, 30 s, one step either side),
 * with {@code java-otp}. Secrets are 20 random bytes, shown as Base32 without padding and stored sealed.
 */
@Component
public class TotpCodes implements SecondFactorCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final Base32 BASE32 = new Base32();

    private final SecretBox secretBox;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random = new SecureRandom();

    public TotpCodes(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    /** A new secret, in the Base32 form authenticator apps read. */
    String newSecret() {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return BASE32.encodeToString(secret).replace("=", "");
    }

    String seal(String base32Secret) {
        return secretBox.seal(base32Secret);
    }

    @Override
    public OptionalLong matchingStep(String sealedSecret, String code, Instant at) {
        SecretKeySpec key = new SecretKeySpec(BASE32.decode(secretBox.open(sealedSecret)), "HmacSHA1");
        long current = at.getEpochSecond() / STEP.toSeconds();
        for (long step = current - 1; step <= current + 1; step++) {
            try {
                String expected = String.format("%06d", generator.generateOneTimePassword(key,
                        Instant.ofEpochSecond(step * STEP.toSeconds())));
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    return OptionalLong.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("a TOTP secret that HmacSHA1 refuses", e);
            }
        }
        return OptionalLong.empty();
    }
}
