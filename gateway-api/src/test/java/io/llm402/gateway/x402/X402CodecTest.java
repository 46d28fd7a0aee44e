package io.llm402.gateway.x402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class X402CodecTest {

    @Test
    void theHeaderNamesAreV2s() {
        assertThat(X402Codec.PAYMENT_REQUIRED).isEqualTo("PAYMENT-REQUIRED");
        assertThat(X402Codec.PAYMENT_SIGNATURE).isEqualTo("PAYMENT-SIGNATURE");
        assertThat(X402Codec.PAYMENT_RESPONSE).isEqualTo("PAYMENT-RESPONSE");
    }

    @Test
    void aPaymentPayloadRoundTrips() throws X402Exception {
        PaymentPayload payload = X402Fixtures.payload();

        assertThat(X402Codec.decodePayment(X402Codec.encode(payload))).isEqualTo(payload);
    }

    @Test
    void aPaymentRequiredRoundTrips() throws X402Exception {
        PaymentRequired required = new PaymentRequired(2, "Payment required", X402Fixtures.RESOURCE,
                List.of(X402Fixtures.requirements()));
        PaymentRequired withoutError = new PaymentRequired(2, null, new ResourceInfo("https://x/", null, null),
                List.of(X402Fixtures.requirements(), X402Fixtures.requirements()));

        assertThat(X402Codec.decodeRequired(X402Codec.encode(required))).isEqualTo(required);
        assertThat(X402Codec.decodeRequired(X402Codec.encode(withoutError))).isEqualTo(withoutError);
    }

    @Test
    void aSettlementResponseRoundTrips() throws X402Exception {
        SettlementResponse success = new SettlementResponse(true, null, null, X402Fixtures.PAYER,
                "0x" + "ab".repeat(32), X402Fixtures.NETWORK, "10000");
        SettlementResponse failure = SettlementResponse.failure("insufficient_funds", X402Fixtures.NETWORK);

        assertThat(X402Codec.decodeSettlement(X402Codec.encode(success))).isEqualTo(success);
        assertThat(X402Codec.decodeSettlement(X402Codec.encode(failure))).isEqualTo(failure);
    }

    @Test
    void theFacilitatorMessagesRoundTrip() {
        VerifyResponse valid = new VerifyResponse(true, null, null, X402Fixtures.PAYER);
        VerifyResponse invalid = new VerifyResponse(false, "invalid_exact_evm_signature", "bad", null);
        SupportedResponse supported = new SupportedResponse(List.of(new SupportedKind(2, "exact", "eip155:84532"),
                new SupportedKind(1, "exact", "base-sepolia")));

        assertThat(roundTrip(valid, VerifyResponse.class)).isEqualTo(valid);
        assertThat(roundTrip(invalid, VerifyResponse.class)).isEqualTo(invalid);
        assertThat(roundTrip(supported, SupportedResponse.class)).isEqualTo(supported);
        assertThat(roundTrip(X402Fixtures.authorization(), Authorization.class))
                .isEqualTo(X402Fixtures.authorization());
        assertThat(roundTrip(X402Fixtures.DOMAIN, Eip712Domain.class)).isEqualTo(X402Fixtures.DOMAIN);
    }

    @Test
    void theJsonNamesAreTheProtocols() {
        JsonNode requirements = tree(X402Codec.encode(X402Fixtures.requirements()));
        assertThat(names(requirements))
                .containsExactlyInAnyOrder("scheme", "network", "amount", "asset", "payTo", "maxTimeoutSeconds",
                        "extra");
        assertThat(requirements.get("maxTimeoutSeconds").isNumber()).isTrue();

        JsonNode payload = tree(X402Codec.encode(X402Fixtures.payload()));
        assertThat(names(payload)).containsExactlyInAnyOrder("x402Version", "resource", "accepted", "payload");
        assertThat(names(payload.get("payload"))).containsExactlyInAnyOrder("signature", "authorization");
        assertThat(names(payload.get("payload").get("authorization")))
                .containsExactlyInAnyOrder("from", "to", "value", "validAfter", "validBefore", "nonce");

        JsonNode verify = tree(X402Codec.encode(new VerifyResponse(true, null, null, X402Fixtures.PAYER)));
        assertThat(names(verify)).containsExactlyInAnyOrder("isValid", "payer");
        assertThat(verify.get("isValid").booleanValue()).isTrue();
    }

    @Test
    void nullFieldsAreOmitted() {
        assertThat(names(tree(X402Codec.encode(new ResourceInfo("https://x/", null, null))))).containsExactly("url");
        assertThat(names(tree(X402Codec.encode(SettlementResponse.failure("insufficient_funds", "eip155:1")))))
                .containsExactlyInAnyOrder("success", "errorReason", "transaction", "network");
        assertThat(names(tree(X402Codec.encode(new PaymentRequired(2, null, X402Fixtures.RESOURCE, List.of())))))
                .containsExactlyInAnyOrder("x402Version", "resource", "accepts");
    }

    @Test
    void theEncodingIsPaddedStandardBase64() {
        // Runs of '?' and '~' encode to "Pz8/" and "fn5+": the standard alphabet, not the URL-safe one.
        String encoded = X402Codec.encode(new ResourceInfo("https://x/", "??????~~~~~~", null));
        assertThat(encoded).contains("/", "+").doesNotContain("-", "_");
        assertThat(tree(encoded).get("description").asString()).isEqualTo("??????~~~~~~");

        // Three consecutive lengths: at least one is not a multiple of 3 and must end in padding.
        List<String> encodings = List.of("a", "ab", "abc").stream()
                .map(url -> X402Codec.encode(new ResourceInfo(url, null, null)))
                .toList();
        assertThat(encodings).allSatisfy(e -> assertThat(e.length() % 4).isZero());
        assertThat(encodings).anySatisfy(e -> assertThat(e).endsWith("="));
    }

    @Test
    void unknownPropertiesAreIgnored() throws X402Exception {
        String json = """
                {"x402Version":2,
                 "resource":{"url":"https://x/","serviceName":"llm","tags":["ai"]},
                 "accepted":{"scheme":"exact","network":"eip155:84532","amount":"10000",
                   "asset":"0x036CbD53842c5426634e7929541eC2318f3dCF7e",
                   "payTo":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","maxTimeoutSeconds":300,
                   "extra":{"name":"USDC","version":"2","assetTransferMethod":"eip3009"},"future":1},
                 "payload":{"signature":"0x00","authorization":{"from":"0x1","to":"0x2","value":"1",
                   "validAfter":"0","validBefore":"1","nonce":"0x3"},"more":true},
                 "extensions":{"bazaar":{"info":{},"schema":{}}}}""";

        PaymentPayload payload = X402Codec.decodePayment(base64(json));

        assertThat(payload.x402Version()).isEqualTo(2);
        assertThat(payload.resource()).isEqualTo(new ResourceInfo("https://x/", null, null));
        assertThat(payload.accepted().extra()).containsEntry("assetTransferMethod", "eip3009");
        assertThat(payload.payload().authorization().nonce()).isEqualTo("0x3");
    }

    @Test
    void anAbsentExtraIsEmpty() throws X402Exception {
        String json = """
                {"x402Version":2,"error":"Payment required","resource":{"url":"https://x/"},
                 "accepts":[{"scheme":"exact","network":"eip155:1","amount":"1","asset":"0xa","payTo":"0xb",
                   "maxTimeoutSeconds":60}]}""";

        assertThat(X402Codec.decodeRequired(base64(json)).accepts().getFirst().extra()).isEmpty();
    }

    @Test
    void aSettlementWithoutTransactionReadsAsEmpty() throws X402Exception {
        SettlementResponse response = X402Codec.decodeSettlement(
                base64("{\"success\":false,\"errorReason\":\"insufficient_funds\"}"));

        assertThat(response.success()).isFalse();
        assertThat(response.transaction()).isEmpty();
        assertThat(response.network()).isEmpty();
    }

    @Test
    void whateverCannotBeReadIsAnInvalidPayload() {
        String valid = X402Codec.encode(X402Fixtures.payload());
        String urlSafe = X402Codec.encode(new PaymentPayload(2,
                new ResourceInfo("https://x/", "??????~~~~~~", null), X402Fixtures.requirements(),
                X402Fixtures.payload().payload())).replace('+', '-').replace('/', '_');
        List<String> headers = List.of(
                "",
                "   ",
                "not base64 at all!",
                urlSafe,
                base64("not json"),
                base64("null"),
                base64("[]"),
                base64("{}"),
                base64("{\"x402Version\":2}"),
                valid.substring(0, valid.length() / 2),
                base64(withoutProperty(valid, "x402Version")),
                base64(withoutProperty(valid, "accepted")),
                base64(withoutProperty(valid, "payload")),
                base64(decoded(valid).replace("\"signature\"", "\"sig\"")),
                base64(decoded(valid).replace("\"nonce\"", "\"nonce_\"")),
                base64(decoded(valid).replace("\"payTo\"", "\"pay_to\"")),
                base64(decoded(valid).replace("\"maxTimeoutSeconds\"", "\"maxTimeout\"")),
                base64(decoded(valid).replace("\"scheme\":\"exact\"", "\"scheme\":null")));

        for (String header : headers) {
            assertThatThrownBy(() -> X402Codec.decodePayment(header))
                    .as(header)
                    .isInstanceOfSatisfying(X402Exception.class,
                            e -> assertThat(e.reason()).isEqualTo("invalid_payload"));
        }
        assertThatThrownBy(() -> X402Codec.decodePayment(null))
                .isInstanceOfSatisfying(X402Exception.class, e -> assertThat(e.reason()).isEqualTo("invalid_payload"));
    }

    @Test
    void theOtherDecodersRefuseGarbageToo() {
        assertThatThrownBy(() -> X402Codec.decodeRequired(base64("{\"x402Version\":2}")))
                .isInstanceOfSatisfying(X402Exception.class, e -> assertThat(e.reason()).isEqualTo("invalid_payload"));
        assertThatThrownBy(() -> X402Codec.decodeSettlement(base64("{\"transaction\":\"\"}")))
                .isInstanceOfSatisfying(X402Exception.class, e -> assertThat(e.reason()).isEqualTo("invalid_payload"));
        assertThatThrownBy(() -> X402Codec.decodeSettlement("%%%"))
                .isInstanceOfSatisfying(X402Exception.class, e -> assertThat(e.reason()).isEqualTo("invalid_payload"));
    }

    private static <T> T roundTrip(T value, Class<T> type) {
        byte[] json = Base64.getDecoder().decode(X402Codec.encode(value));
        return X402Codec.json().readValue(json, type);
    }

    private static JsonNode tree(String encoded) {
        return X402Codec.json().readTree(decoded(encoded));
    }

    private static List<String> names(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    private static String decoded(String encoded) {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String withoutProperty(String encoded, String name) {
        ObjectNode node = (ObjectNode) tree(encoded);
        node.remove(name);
        return node.toString();
    }
}
