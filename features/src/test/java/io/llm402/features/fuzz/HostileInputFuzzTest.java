package io.llm402.features.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.features.support.BillingWorld;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A structured fuzzer over every relay route and the usage endpoints, against the built gateway and the upstream
 * simulator. Each case takes a route's valid body and breaks one thing: a field's value replaced by a hostile one
 * (wrong type, huge, negative or fractional number, long runs of one character, unicode edge cases, deep nesting),
 * a field removed, or the whole body replaced. Properties, for every case: no 5xx; an error is in the caller's own
 * format; a request the gateway itself refuses reached no upstream; and the gateway still answers afterwards.
 *
 * <p>Deterministic: the seed is fixed (override with {@code -Dllm402.fuzz.seed=...}, cases per route with
 * {@code -Dllm402.fuzz.cases=...}), and every case names what it sent, so a failure can be replayed.
 */
class HostileInputFuzzTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String KEY = "sk-fuzz-0007";
    private static final long SEED = Long.getLong("llm402.fuzz.seed", 402L);
    private static final int CASES = Integer.getInteger("llm402.fuzz.cases", 40);

    enum Shape { OPENAI, CLAUDE, GEMINI }

    record Route(String path, Shape shape, String body) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("/v1/chat/completions", Shape.OPENAI, """
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":16,"n":1,
                     "stream":false,"temperature":0.5,"stream_options":{"include_usage":true}}"""),
            new Route("/v1/completions", Shape.OPENAI, """
                    {"model":"gpt-4o-mini","prompt":"hi","max_tokens":16}"""),
            new Route("/v1/responses", Shape.OPENAI, """
                    {"model":"gpt-4o-mini","input":"hi","max_output_tokens":16,"instructions":"be brief"}"""),
            new Route("/v1/embeddings", Shape.OPENAI, """
                    {"model":"text-embedding-3-small","input":["hi","there"],"encoding_format":"float"}"""),
            new Route("/v1/rerank", Shape.OPENAI, """
                    {"model":"rerank-v3.5","query":"q","documents":["a","b"],"top_n":1}"""),
            new Route("/v2/rerank", Shape.OPENAI, """
                    {"model":"rerank-v3.5","query":"q","documents":["a","b"],"top_n":1}"""),
            new Route("/v1/messages", Shape.CLAUDE, """
                    {"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}],
                     "system":"be brief","stream":false}"""),
            new Route("/v1/messages/count_tokens", Shape.CLAUDE, """
                    {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"""),
            new Route("/v1beta/models/gemini-2.5-flash:generateContent", Shape.GEMINI, """
                    {"contents":[{"role":"user","parts":[{"text":"hi"}]}],
                     "generationConfig":{"maxOutputTokens":16,"candidateCount":1,"temperature":0.5}}"""),
            new Route("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Shape.GEMINI, """
                    {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":16}}"""),
            new Route("/v1beta/models/gemini-2.5-flash:countTokens", Shape.GEMINI, """
                    {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""),
            new Route("/v1beta/models/text-embedding-004:embedContent", Shape.GEMINI, """
                    {"content":{"parts":[{"text":"hi"}]}}"""));

    @TestFactory
    Stream<DynamicTest> everyRelayRouteSurvivesHostileBodies() throws Exception {
        BillingWorld world = BillingWorld.get();
        SplittableRandom random = new SplittableRandom(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : ROUTES) {
            for (int i = 0; i < CASES; i++) {
                String body = mutate(JSON.readTree(route.body()), random.split());
                String name = route.path() + " #" + i + ": " + abbreviate(body);
                tests.add(DynamicTest.dynamicTest(name, () -> send(world, route, body)));
            }
        }
        tests.add(DynamicTest.dynamicTest("the gateway still answers", () -> {
            HttpResponse<String> status = world.gateway().send("GET", "/api/status", Map.of(), null);
            assertThat(status.statusCode()).isEqualTo(200);
        }));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theUsageEndpointsSurviveHostileParameters() throws Exception {
        BillingWorld world = BillingWorld.get();
        List<String> paths = new ArrayList<>();
        for (String value : List.of("", "-1", "0", "1e18", "99999999999999999999", "abc", "%00", "%F0%9F%98%80",
                "2026-13-45T99:99:99Z", "a".repeat(5_000))) {
            paths.add("/api/usage/requests?since=" + value);
            paths.add("/api/usage/requests?limit=" + value);
            paths.add("/api/usage/requests?after=" + value);
            paths.add("/api/usage/requests/" + (value.isEmpty() ? "x" : value));
        }
        return paths.stream().map(path -> DynamicTest.dynamicTest(abbreviate(path), () -> {
            HttpResponse<String> response = world.gateway().send("GET", path, Map.of("x-api-key", KEY), null);
            assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        }));
    }

    private static void send(BillingWorld world, Route route, String body) throws Exception {
        long upstreamBefore = world.simulator().requestCount();
        HttpResponse<String> response = world.gateway().send("POST", route.path(), headers(route.shape()), body);
        int status = response.statusCode();
        assertThat(status).as("status for %s, answered %s", body, abbreviate(response.body())).isLessThan(500);
        if (status < 400) {
            return;
        }
        JsonNode error = JSON.readTree(response.body());
        switch (route.shape()) {
            case OPENAI -> assertThat(error.path("error").path("message").isString()).as(response.body()).isTrue();
            case CLAUDE -> {
                assertThat(error.path("type").asString()).as(response.body()).isEqualTo("error");
                assertThat(error.path("error").path("message").isString()).isTrue();
            }
            case GEMINI -> {
                assertThat(error.path("error").path("code").asInt()).as(response.body()).isEqualTo(status);
                assertThat(error.path("error").path("status").isString()).isTrue();
            }
        }
        String code = route.shape() == Shape.OPENAI ? error.path("error").path("code").asString("") : "";
        boolean upstreamAnswered = "upstream_rejected".equals(code) || route.shape() != Shape.OPENAI;
        if (!upstreamAnswered && status == 400) {
            assertThat(world.simulator().requestCount()).as("a request the gateway refused reached an upstream: "
                    + body).isEqualTo(upstreamBefore);
        }
    }

    private static Map<String, String> headers(Shape shape) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (shape) {
            case OPENAI -> headers.put("Authorization", "Bearer " + KEY);
            case CLAUDE -> {
                headers.put("x-api-key", KEY);
                headers.put("anthropic-version", "2023-06-01");
            }
            case GEMINI -> headers.put("x-goog-api-key", KEY);
        }
        return headers;
    }

    /** One thing broken in a valid body. */
    static String mutate(JsonNode valid, SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return wholeBody(random);
        }
        ObjectNode body = (ObjectNode) valid.deepCopy();
        List<String> fields = new ArrayList<>(body.propertyNames());
        String field = fields.get(random.nextInt(fields.size()));
        if (kind == 1) {
            body.remove(field);
        } else if (kind <= 3 && body.path(field).isObject() && !body.path(field).isEmpty()) {
            ObjectNode inner = (ObjectNode) body.path(field);
            List<String> innerFields = new ArrayList<>(inner.propertyNames());
            inner.set(innerFields.get(random.nextInt(innerFields.size())), JSON.readTree(hostileValue(random)));
        } else if (kind <= 3 && body.path(field).isArray() && !body.path(field).isEmpty()) {
            ((tools.jackson.databind.node.ArrayNode) body.path(field)).set(0, JSON.readTree(hostileValue(random)));
        } else {
            body.set(field, JSON.readTree(hostileValue(random)));
        }
        return JSON.writeValueAsString(body);
    }

    /** A JSON value chosen to break parsers, validators and arithmetic. */
    static String hostileValue(SplittableRandom random) {
        return switch (random.nextInt(22)) {
            case 0 -> "1e18";
            case 1 -> "-1";
            case 2 -> "4611686018427387904";
            case 3 -> "99999999999999999999999999999999";
            case 4 -> "1.5";
            case 5 -> "-0.0";
            case 6 -> "1e308";
            case 7 -> "null";
            case 8 -> "true";
            case 9 -> "\"\"";
            case 10 -> "\"" + "a".repeat(1 + random.nextInt(200_000)) + "\"";
            case 11 -> "\"\\ud800\\u0000\\u202e\\ufeff" + "\\u0301".repeat(500) + "\"";
            case 12 -> "\"" + "\uD83D\uDE00".repeat(1 + random.nextInt(20_000)) + "\"";
            case 13 -> "\"<|endoftext|><|im_start|>\"";
            case 14 -> "[]";
            case 15 -> "{}";
            case 16 -> "[" + "[".repeat(300) + "]".repeat(300) + "]";
            case 17 -> "{\"a\":" .repeat(300) + "1" + "}".repeat(300);
            case 18 -> "[null, 1, \"x\", {}, []]";
            case 19 -> "{\"\":\"\"}";
            case 20 -> "\"" + "日本語".repeat(1 + random.nextInt(50_000)) + "\"";
            default -> String.valueOf(random.nextLong());
        };
    }

    private static String wholeBody(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "not json";
            case 2 -> "[]";
            case 3 -> "null";
            case 4 -> "{\"a\":" .repeat(5_000) + "1" + "}".repeat(5_000);
            default -> hostileValue(random);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "… (" + text.length() + " chars)";
    }
}
