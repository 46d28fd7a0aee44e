package io.llm402.gateway.management.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Telegram Login Widget's signed payload, checked as Telegram documents it (HMAC-SHA256 over the sorted fields
 * with the key SHA-256(bot token), compared in constant time) and as new-api does not: at most 10 minutes old, not
 * from the future, and each payload accepted once across the cluster.
 */
final class TelegramLogin {

    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** A checked payload: Telegram's user id and a name to show. */
    record Checked(String id, String display, String hash, Instant signedAt) {
    }

    private TelegramLogin() {
    }

    /** The payload when its signature and age check out; the reason otherwise. */
    static Result check(Map<String, String> fields, String botToken, Instant now) {
        String hash = fields.get("hash");
        String id = fields.get("id");
        String authDate = fields.get("auth_date");
        if (hash == null || id == null || authDate == null || !hash.matches("[0-9a-fA-F]{64}")
                || !id.matches("-?[0-9]{1,20}") || !authDate.matches("[0-9]{1,12}")) {
            return Result.refused("the Telegram login is incomplete");
        }
        if (!MessageDigest.isEqual(signature(fields, botToken), HexFormat.of().parseHex(hash))) {
            return Result.refused("the Telegram login's signature is wrong");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(authDate));
        if (signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return Result.refused("the Telegram login is dated in the future");
        }
        if (signedAt.isBefore(now.minus(MAX_AGE))) {
            return Result.refused("the Telegram login has expired; log in again");
        }
        String display = Optional.ofNullable(fields.get("username"))
                .orElse((fields.getOrDefault("first_name", "") + " " + fields.getOrDefault("last_name", "")).trim());
        return new Result(Optional.of(new Checked(id, display.isEmpty() ? "Telegram " + id : display,
                hash.toLowerCase(Locale.ROOT), signedAt)), "");
    }

    /** HMAC-SHA256(SHA-256(bot token), the fields but {@code hash}, sorted, as {@code key=value} lines). */
    static byte[] signature(Map<String, String> fields, String botToken) {
        String checkString = new TreeMap<>(fields).entrySet().stream().filter(e -> !e.getKey().equals("hash"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(botToken.getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
            return mac.doFinal(checkString.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 and SHA-256 are part of every JDK", e);
        }
    }

    record Result(Optional<Checked> checked, String refusal) {

        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
