package io.llm402.features.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.features.support.X402World;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The x402 edges of the surface, fuzzed against the real x402 stack: hostile {@code PAYMENT-SIGNATURE} headers on a
 * paid relay request (garbage, base64 of garbage, x402 payloads with wrong types, huge, negative and fractional amounts
 * and times, foreign networks, oversized fields) and hostile top-up bodies. Properties: no 5xx, an OpenAI-shaped error,
 * and no upstream call for anything that was not a valid payment.
 */
class HostilePaymentFuzzTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final long SEED = Long.getLong("llm402.fuzz.seed", 402L);
    private static final int CASES = Integer.getInteger("llm402.fuzz.cases", 40) * 2;
    private static final String CHAT = "{\"model\":\"agent-model\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TestFactory
    Stream<DynamicTest> hostilePaymentHeadersAreRefusedWithoutAnUpstreamCall() throws Exception {
        X402World world = X402World.get();
        SplittableRandom random = new SplittableRandom(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String header = hostileHeader(random.split());
            tests.add(DynamicTest.dynamicTest("#" + i + ": " + abbreviate(header), () -> {
                long upstreamBefore = world.simulator().requestCount();
                HttpResponse<String> response = world.gateway().send("POST", "/v1/chat/completions",
                        Map.of("PAYMENT-SIGNATURE", header), CHAT);
                assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
                assertThat(JSON.readTree(response.body()).path("error").path("message").isString()).isTrue();
                assertThat(world.simulator().requestCount()).as("an unpaid request reached an upstream")
                        .isEqualTo(upstreamBefore);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> hostileTopUpsAreRefused() throws Exception {
        X402World world = X402World.get();
        List<String> bodies = List.of("", "null", "[]", "{}", "{\"amount_usd\":null}", "{\"amount_usd\":-5}",
                "{\"amount_usd\":\"1e18\"}", "{\"amount_usd\":1e308}", "{\"amount_usd\":\"0.0000000001\"}",
                "{\"amount_usd\":\"abc\"}", "{\"amount_usd\":99999999999999999999999}",
                "{\"amount_usd\":\"" + "9".repeat(10_000) + "\"}", "{\"amount_usd\":{\"a\":1}}");
        return bodies.stream().map(body -> DynamicTest.dynamicTest(body.isEmpty() ? "(empty)" : abbreviate(body), () -> {
            HttpResponse<String> response = world.gateway().send("POST", "/api/x402/topup",
                    Map.of("Authorization", "Bearer sk-erin-main-0007"), body);
            assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        }));
    }

    /**
     * A header that is not a valid payment, from plain garbage to a well-formed payload with one field broken; at most
     * 6,000 characters, inside Tomcat's 8 kB header limit (beyond it the container answers before the gateway does).
     */
    static String hostileHeader(SplittableRandom random) {
        String header;
        do {
            header = candidateHeader(random);
        } while (header.length() > 6_000);
        return header;
    }

    private static String candidateHeader(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> "x".repeat(1 + random.nextInt(6_000));
            case 1 -> {
                byte[] bytes = new byte[1 + random.nextInt(1_500)];
                random.nextBytes(bytes);
                yield Base64.getEncoder().encodeToString(bytes);
            }
            case 2 -> base64(HostileInputFuzzTest.hostileValue(random));
            default -> base64(brokenPayload(random));
        };
    }

    private static String brokenPayload(SplittableRandom random) {
        String[] fields = {"from", "to", "value", "validAfter", "validBefore", "nonce"};
        String broken = fields[random.nextInt(fields.length)];
        StringBuilder authorization = new StringBuilder("{");
        for (String field : fields) {
            String value = field.equals(broken) ? HostileInputFuzzTest.hostileValue(random) : switch (field) {
                case "from", "to" -> "\"0x" + "1".repeat(40) + "\"";
                case "value" -> "\"1000\"";
                case "validAfter" -> "\"0\"";
                case "validBefore" -> "\"" + (System.currentTimeMillis() / 1000 + 600) + "\"";
                default -> "\"0x" + "ab".repeat(32) + "\"";
            };
            authorization.append('"').append(field).append("\":").append(value).append(',');
        }
        authorization.setCharAt(authorization.length() - 1, '}');
        String version = random.nextInt(4) == 0 ? HostileInputFuzzTest.hostileValue(random) : "2";
        String network = random.nextInt(4) == 0 ? HostileInputFuzzTest.hostileValue(random) : "\"eip155:84532\"";
        return "{\"x402Version\":" + version + ",\"accepted\":{\"scheme\":\"exact\",\"network\":" + network
                + ",\"amount\":\"1000\",\"asset\":\"0x" + "2".repeat(40) + "\",\"payTo\":\"0x" + "3".repeat(40)
                + "\",\"maxTimeoutSeconds\":60,\"extra\":{}},\"payload\":{\"signature\":\"0x" + "cd".repeat(65)
                + "\",\"authorization\":" + authorization + "}}";
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length() + " chars)";
    }
}
