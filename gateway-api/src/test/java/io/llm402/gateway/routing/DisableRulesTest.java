package io.llm402.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.gateway.upstream.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DisableRulesTest {

    private static final DisableRules ON = DisableRules.from(Map.of(DisableRules.ENABLED, "true"));

    @ParameterizedTest(name = "{0} HTTP {1} {2} → disable: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            openai    | 401 | {"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}          | true
            openai    | 403 | {"error":{"message":"Country not supported","type":"request_forbidden"}}             | false
            gemini    | 403 | {"error":{"code":403,"message":"API key revoked","status":"PERMISSION_DENIED"}}      | true
            openai    | 429 | {"error":{"message":"You exceeded your current quota, please check your plan","type":"insufficient_quota"}} | true
            openai    | 429 | {"error":{"message":"Rate limit reached for requests","type":"requests"}}            | false
            openai    | 500 | {"error":{"message":"The server had an error"}}                                      | false
            openai    | 400 | {"error":{"message":"bad","code":"account_deactivated"}}                             | true
            openai    | 402 | {"error":{"message":"","code":"Arrearage"}}                                          | true
            anthropic | 400 | {"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}} | true
            anthropic | 403 | {"type":"error","error":{"type":"permission_error","message":"no access"}}           | true
            anthropic | 529 | {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}           | false
            openai    | 404 | {"error":{"message":"The model does not exist","code":"model_not_found"}}           | false
            openai    | 502 | <html>bad gateway</html>                                                             | false
            """)
    void newApisRulesDecide(String type, int status, String body, boolean disables) {
        UpstreamError error = UpstreamError.of(ChannelType.fromWireName(type), status,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(ON.reason(ChannelType.fromWireName(type), true, error) != null).isEqualTo(disables);
    }

    @Test
    void nothingIsDisabledWhenTheSwitchOrTheChannelSaysNo() {
        UpstreamError revoked = new UpstreamError(401, "Incorrect API key", "invalid_api_key", null);
        assertThat(DisableRules.from(Map.of()).reason(ChannelType.OPENAI, true, revoked)).isNull();
        assertThat(ON.reason(ChannelType.OPENAI, false, revoked)).isNull();
        assertThat(ON.reason(ChannelType.OPENAI, true, revoked)).isEqualTo("HTTP 401 invalid_api_key: Incorrect API key");
    }

    @Test
    void operatorsChooseTheStatusesAndKeywords() {
        DisableRules rules = DisableRules.from(Map.of(DisableRules.ENABLED, "true", DisableRules.STATUS_CODES,
                "401,403", DisableRules.KEYWORDS, "account suspended\nquota gone"));
        assertThat(rules.reason(ChannelType.OPENAI, true, new UpstreamError(403, "x", null, null))).isNotNull();
        assertThat(rules.reason(ChannelType.OPENAI, true, new UpstreamError(400, "Your QUOTA GONE", null, null)))
                .isNotNull();
        assertThat(rules.reason(ChannelType.OPENAI, true,
                new UpstreamError(400, "You exceeded your current quota", null, null)))
                .as("the default keywords are replaced, not added to").isNull();
    }

    @Test
    void aReasonNeverCarriesTheKeyTheHostOrAMaskedKey() {
        String body = """
                {"error":{"message":"Incorrect API key provided: sk-live-abc123. You can find your key at \
                https://api.example.com/keys (masked sk-proj-********************************wxyz)","code":"invalid_api_key"}}""";
        String reason = ON.reason(ChannelType.OPENAI, true, UpstreamError.of(ChannelType.OPENAI, 401,
                body.getBytes(StandardCharsets.UTF_8)).redacted("sk-live-abc123", "api.example.com"));
        assertThat(reason).startsWith("HTTP 401 invalid_api_key: Incorrect API key provided: ***")
                .doesNotContain("sk-live-abc123").doesNotContain("api.example.com").doesNotContain("wxyz");
    }
}
