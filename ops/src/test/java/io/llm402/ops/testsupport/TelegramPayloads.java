package io.llm402.ops.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Telegram Login Widget payloads signed the way Telegram documents it, written apart from the gateway's checker so a
 * test does not confirm the gateway with its own code.
 */
public final class TelegramPayloads {

    private TelegramPayloads() {
    }

    /** The widget's fields for {@code id} signed at {@code at} with the bot's token, as a query string. */
    public static String signed(String id, Instant at, String botToken) {
        Map<String, String> fields = new TreeMap<>(Map.of("id", id, "first_name", "Tele", "username", "tg" + id,
                "auth_date", Long.toString(at.getEpochSecond())));
        String check = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(botToken.getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
            fields.put("hash", HexFormat.of().formatHex(mac.doFinal(check.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
