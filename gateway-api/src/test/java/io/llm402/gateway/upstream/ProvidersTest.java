package io.llm402.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.projections.catalog.api.ChannelView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    private static ChannelView channel(String type, String baseUrl, @Nullable String apiVersion) {
        return new ChannelView("c-1", "c", type, baseUrl, List.of(new ChannelKey("fp", "sealed")), KeySelection.RANDOM, List.of("m"), Map.of(), List.of("default"), 0, 1,
                null, false, apiVersion, true);
    }

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void openAiFamilyUsesV1PathsAndBearerKeys() {
        UpstreamRequest request = Providers.openAi(channel("openai", "https://api.openai.com", null),
                ChannelType.OPENAI, "/chat/completions", "gpt-4o", "sk-up", BODY);
        assertThat(request.uri()).hasToString("https://api.openai.com/v1/chat/completions");
        assertThat(request.headers()).containsSequence("Authorization", "Bearer sk-up");
    }

    @Test
    void aCustomChannelsBaseUrlIsTheWholeUrlWithTheModelInPlaceOfItsPlaceholder() {
        UpstreamRequest request = Providers.openAi(channel("custom", "https://llm.internal/api/{model}/chat", null),
                ChannelType.CUSTOM, "/chat/completions", "qwen 2", "sk-c", BODY);
        assertThat(request.uri()).hasToString("https://llm.internal/api/qwen%202/chat");
        assertThat(request.headers()).containsSequence("Authorization", "Bearer sk-c");
    }

    @Test
    void azureWithADatedVersionPutsTheDeploymentInThePath() {
        UpstreamRequest request = Providers.openAi(channel("azure", "https://r.openai.azure.com", "2024-10-21"),
                ChannelType.AZURE, "/embeddings", "my deployment", "az-key", BODY);
        assertThat(request.uri()).hasToString(
                "https://r.openai.azure.com/openai/deployments/my%20deployment/embeddings?api-version=2024-10-21");
        assertThat(request.headers()).containsSequence("api-key", "az-key").doesNotContain("Authorization");
    }

    @Test
    void azureWithoutAVersionOrForResponsesUsesTheV1Api() {
        ChannelView unversioned = channel("azure", "https://r.openai.azure.com", null);
        assertThat(Providers.openAi(unversioned, ChannelType.AZURE, "/chat/completions", "d", "k", BODY).uri())
                .hasToString("https://r.openai.azure.com/openai/v1/chat/completions");
        ChannelView dated = channel("azure", "https://r.openai.azure.com", "2025-04-01-preview");
        assertThat(Providers.openAi(dated, ChannelType.AZURE, "/responses", "d", "k", BODY).uri())
                .hasToString("https://r.openai.azure.com/openai/v1/responses");
    }

    @Test
    void anthropicForwardsVersionAndBetasAndDefaultsTheVersion() {
        ChannelView anthropic = channel("anthropic", "https://api.anthropic.com", null);
        assertThat(Providers.anthropic(anthropic, "/v1/messages", "ak", null, null, BODY).headers())
                .containsSequence("x-api-key", "ak").containsSequence("anthropic-version", "2023-06-01")
                .doesNotContain("anthropic-beta");
        assertThat(Providers.anthropic(anthropic, "/v1/messages", "ak", "2023-06-01", "a,b", BODY).headers())
                .containsSequence("anthropic-beta", "a,b");
    }

    @Test
    void geminiStreamsAlwaysAskForSse() {
        ChannelView gemini = channel("gemini", "https://generativelanguage.googleapis.com", null);
        assertThat(Providers.gemini(gemini, "gemini-2.5-flash", "streamGenerateContent", "gk", BODY).uri())
                .hasToString("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash"
                        + ":streamGenerateContent?alt=sse");
        assertThat(Providers.gemini(gemini, "gemini-2.5-flash", "countTokens", "gk", BODY).headers())
                .containsSequence("x-goog-api-key", "gk");
    }

    @Test
    void errorMessagesAreReadTheWayEachProviderWritesThem() {
        assertThat(Providers.errorMessage(ChannelType.OPENAI, bytes("{\"error\":{\"message\":\"bad\"}}")))
                .isEqualTo("bad");
        assertThat(Providers.errorMessage(ChannelType.ANTHROPIC,
                bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")))
                .isEqualTo("Overloaded");
        assertThat(Providers.errorMessage(ChannelType.GEMINI,
                bytes("{\"error\":{\"code\":400,\"message\":\"nope\",\"status\":\"INVALID_ARGUMENT\"}}")))
                .isEqualTo("nope");
        assertThat(Providers.errorMessage(ChannelType.COHERE, bytes("{\"message\":\"invalid model\"}")))
                .isEqualTo("invalid model");
        assertThat(Providers.errorMessage(ChannelType.JINA, bytes("{\"detail\":\"too many documents\"}")))
                .isEqualTo("too many documents");
        assertThat(Providers.errorMessage(ChannelType.OPENAI, bytes("<html>502</html>"))).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
