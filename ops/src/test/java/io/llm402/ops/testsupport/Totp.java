package io.llm402.ops.testsupport;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** What an authenticator app shows for a Base32 secret at a 30-second time step (RFC 6238, 6 digits). */
public final class Totp {

    private Totp() {
    }

    public static String code(String base32Secret, long step) throws InvalidKeyException {
        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        return String.format("%06d", totp.generateOneTimePassword(
                new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"), Instant.ofEpochSecond(step * 30)));
    }
}
