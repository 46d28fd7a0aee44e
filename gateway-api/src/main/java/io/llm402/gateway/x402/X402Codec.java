package io.llm402.gateway.x402;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The header encoding of x402 v2: standard base64 (with padding, not URL-safe) of the UTF-8 JSON text. Decoding
 * ignores unknown properties (clients echo extensions we do not know) and encoding omits null fields.
 */
public final class X402Codec {

    /** Server → client on a 402: base64 JSON {@link PaymentRequired}. */
    public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
    /** Client → server: base64 JSON {@link PaymentPayload}. */
    public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";
    /** Server → client after settling: base64 JSON {@link SettlementResponse}. */
    public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";
    /** The only protocol version this package speaks. */
    public static final int X402_VERSION = 2;

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private X402Codec() {
    }

    /** The mapper configured for x402 messages (unknown properties ignored, nulls omitted). */
    public static JsonMapper json() {
        return JSON;
    }

    public static String encode(Object value) {
        return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(value));
    }

    /** Reads a {@code PAYMENT-SIGNATURE} header; anything unreadable or incomplete is {@code invalid_payload}. */
    public static PaymentPayload decodePayment(@Nullable String header) throws X402Exception {
        return decode(header, PaymentPayload.class);
    }

    public static PaymentRequired decodeRequired(@Nullable String header) throws X402Exception {
        return decode(header, PaymentRequired.class);
    }

    public static SettlementResponse decodeSettlement(@Nullable String header) throws X402Exception {
        return decode(header, SettlementResponse.class);
    }

    private static <T> T decode(@Nullable String header, Class<T> type) throws X402Exception {
        if (header == null || header.isBlank()) {
            throw new X402Exception(Reasons.INVALID_PAYLOAD, "empty x402 header");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            throw new X402Exception(Reasons.INVALID_PAYLOAD, "x402 header is not standard base64", e);
        }
        T value;
        try {
            value = JSON.readValue(json, type);
        } catch (RuntimeException e) {
            // Jackson's own errors and the records' null checks (wrapped by Jackson) alike: the header is
            // attacker-controlled input, and whatever cannot be read from it is one and the same client error.
            throw new X402Exception(Reasons.INVALID_PAYLOAD, "x402 header is not a valid " + type.getSimpleName(), e);
        }
        if (value == null) {
            // base64 of the JSON literal null reads as no object at all (found by the payment fuzzer: it was a 500)
            throw new X402Exception(Reasons.INVALID_PAYLOAD, "x402 header holds no " + type.getSimpleName());
        }
        return value;
    }
}
