package io.llm402.gateway.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** TV-11, parsing and then the upstream body each suffix produces. */
class ModelSuffixTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Set<String> SERVED = Set.of("o3-mini", "gpt-5", "o4-mini", "qwen-max", "mistral-medium",
            "claude-sonnet-4-5", "claude-opus-4-7", "gemini-2.5-flash", "gemini-2.5-pro", "qwen");

    private static ModelSuffix.Parsed parse(String model) {
        return ModelSuffix.parse(model, SERVED::contains);
    }

    @Test
    void effortSuffixesOnOpenAiReasoningModels() {
        assertThat(parse("o3-mini-high")).isEqualTo(new ModelSuffix.Parsed("o3-mini",
                new ReasoningRequest("-high", "high", false, null, false)));
        assertThat(parse("gpt-5-xhigh").reasoning().effort()).isEqualTo("xhigh");
        assertThat(parse("gpt-5-xhigh").model()).isEqualTo("gpt-5");
        assertThat(parse("gpt-5-minimal").reasoning().effort()).isEqualTo("minimal");
    }

    @Test
    void realNamesStayWhole() {
        assertThat(parse("o4-mini")).isEqualTo(new ModelSuffix.Parsed("o4-mini", null));
        assertThat(parse("qwen-max")).isEqualTo(new ModelSuffix.Parsed("qwen-max", null));
        assertThat(parse("mistral-medium")).isEqualTo(new ModelSuffix.Parsed("mistral-medium", null));
        // Even where the base is served, a family without reasoning controls keeps its name.
        assertThat(ModelSuffix.parse("qwen-max", Set.of("qwen")::contains).reasoning()).isNull();
        // A listed name of a family without reasoning controls is a real name, sent as it is.
        assertThat(ModelSuffix.parse("mistral-medium", Set.of("mistral-medium")::contains))
                .isEqualTo(new ModelSuffix.Parsed("mistral-medium", null));
        // An unknown base is not guessed at.
        assertThat(parse("o9-turbo-high").reasoning()).isNull();
    }

    /** new-api operators list suffixed names on a channel: routed as listed, the suffix still read (issue 19.6). */
    @Test
    void aListedSuffixedNameIsRoutedAsListedAndSentUpstreamWithoutItsSuffix() {
        Set<String> listed = Set.of("o3-mini-high", "claude-sonnet-4-5-thinking", "gemini-2.5-pro-thinking-2048",
                "qwen-max", "deepseek-chat-low");
        ModelSuffix.Parsed o3 = ModelSuffix.parse("o3-mini-high", listed::contains);
        assertThat(o3).isEqualTo(new ModelSuffix.Parsed("o3-mini-high",
                new ReasoningRequest("-high", "high", false, null, false)));
        assertThat(ModelSuffix.upstreamName("o3-mini-high", o3.reasoning())).isEqualTo("o3-mini");
        ModelSuffix.Parsed claude = ModelSuffix.parse("claude-sonnet-4-5-thinking", listed::contains);
        assertThat(claude.model()).isEqualTo("claude-sonnet-4-5-thinking");
        assertThat(claude.reasoning().thinking()).isTrue();
        assertThat(ModelSuffix.upstreamName(claude.model(), claude.reasoning())).isEqualTo("claude-sonnet-4-5");
        ModelSuffix.Parsed gemini = ModelSuffix.parse("gemini-2.5-pro-thinking-2048", listed::contains);
        assertThat(gemini.reasoning().thinkingBudget()).isEqualTo(2048);
        assertThat(ModelSuffix.upstreamName(gemini.model(), gemini.reasoning())).isEqualTo("gemini-2.5-pro");
        assertThat(ModelSuffix.parse("deepseek-chat-low", listed::contains).reasoning().effort()).isEqualTo("low");
        // qwen has no reasoning control: listed or not, the name stays whole.
        ModelSuffix.Parsed qwen = ModelSuffix.parse("qwen-max", listed::contains);
        assertThat(qwen).isEqualTo(new ModelSuffix.Parsed("qwen-max", null));
        assertThat(ModelSuffix.upstreamName("qwen-max", qwen.reasoning())).isEqualTo("qwen-max");
        // A channel's model mapping applies first; a mapped name without the suffix is left as mapped.
        assertThat(ModelSuffix.upstreamName("o3-mini-2025-01-31", o3.reasoning())).isEqualTo("o3-mini-2025-01-31");
        // The unlisted form routes to the base, which is already the upstream name.
        ModelSuffix.Parsed unlisted = parse("o3-mini-high");
        assertThat(ModelSuffix.upstreamName(unlisted.model(), unlisted.reasoning())).isEqualTo("o3-mini");
    }

    @Test
    void thinkingSuffixes() {
        assertThat(parse("claude-sonnet-4-5-thinking")).isEqualTo(new ModelSuffix.Parsed("claude-sonnet-4-5",
                new ReasoningRequest("-thinking", null, true, null, false)));
        assertThat(parse("gemini-2.5-flash-thinking-4096")).isEqualTo(new ModelSuffix.Parsed("gemini-2.5-flash",
                new ReasoningRequest("-thinking-4096", null, true, 4096, false)));
        assertThat(parse("gemini-2.5-flash-nothinking").reasoning().noThinking()).isTrue();
    }

    @Test
    void o3MiniHighReachesTheUpstreamWithEffortAndMaxCompletionTokens() {
        ObjectNode body = body("{\"model\":\"o3-mini\",\"max_tokens\":100,\"temperature\":0.2,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"}]}");
        ReasoningControls.openAiChat(body, "o3-mini", parse("o3-mini-high").reasoning());
        assertThat(body).isEqualTo(JSON.readTree("""
                {"model":"o3-mini","messages":[{"role":"developer","content":"s"},{"role":"user","content":"u"}],
                 "reasoning_effort":"high","max_completion_tokens":100}"""));
    }

    @Test
    void claudeThinkingRaisesMaxTokensAndTakesEightyPercent() {
        ObjectNode body = body("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1000,\"temperature\":0.5,"
                + "\"messages\":[]}");
        ReasoningControls.claude(body, "claude-sonnet-4-5", parse("claude-sonnet-4-5-thinking").reasoning());
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1280);
        // Compared as text: the built tree holds longs where a parsed one holds ints.
        assertThat(body.path("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":1024}");
        assertThat(body.has("temperature")).isFalse();

        ObjectNode withoutMax = body("{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}");
        ReasoningControls.claude(withoutMax, "claude-sonnet-4-5", parse("claude-sonnet-4-5-thinking").reasoning());
        assertThat(withoutMax.path("thinking").path("budget_tokens").asInt()).isEqualTo(6553);
    }

    @Test
    void adaptiveOnlyClaudeGetsAdaptiveThinking() {
        ObjectNode body = body("{\"model\":\"claude-opus-4-7\",\"max_tokens\":1000,\"messages\":[]}");
        ReasoningControls.claude(body, "claude-opus-4-7", parse("claude-opus-4-7-thinking").reasoning());
        assertThat(body.path("thinking")).isEqualTo(JSON.readTree("{\"type\":\"adaptive\",\"display\":\"summarized\"}"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1000);
    }

    @Test
    void geminiBudgetsAndTheProThatCannotStopThinking() {
        ObjectNode budget = body("{\"contents\":[]}");
        ReasoningControls.gemini(budget, "gemini-2.5-flash", parse("gemini-2.5-flash-thinking-4096").reasoning());
        assertThat(budget.at("/generationConfig/thinkingConfig"))
                .isEqualTo(JSON.readTree("{\"includeThoughts\":true,\"thinkingBudget\":4096}"));

        ObjectNode off = body("{\"contents\":[]}");
        ReasoningControls.gemini(off, "gemini-2.5-flash", parse("gemini-2.5-flash-nothinking").reasoning());
        assertThat(off.at("/generationConfig/thinkingConfig")).isEqualTo(JSON.readTree("{\"thinkingBudget\":0}"));

        ObjectNode pro = body("{\"contents\":[]}");
        ReasoningControls.gemini(pro, "gemini-2.5-pro", parse("gemini-2.5-pro-nothinking").reasoning());
        assertThat(pro.at("/generationConfig/thinkingConfig").isMissingNode()).isTrue();
    }

    @Test
    void geminiThreeTakesALevelNeverABudget() {
        ObjectNode body = body("{\"contents\":[]}");
        ReasoningControls.gemini(body, "gemini-3-flash", new ReasoningRequest("-medium", "medium", false, null,
                false));
        JsonNode thinking = body.at("/generationConfig/thinkingConfig");
        assertThat(thinking.path("thinkingLevel").asString()).isEqualTo("medium");
        assertThat(thinking.has("thinkingBudget")).isFalse();
    }

    private static ObjectNode body(String json) {
        return (ObjectNode) JSON.readTree(json);
    }
}
