package io.llm402.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.channels.RelayOptionsInput;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelView;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChannelRequestOptionsTest {

    private final SecretBox box = new SecretBox("a-crypto-secret-for-tests");
    private final ChannelRequestOptions options = new ChannelRequestOptions(box);

    @Test
    void aChannelWithoutOptionsSendsTheRequestItself() {
        UpstreamRequest request = request("/v1/chat/completions", "{\"model\":\"m\"}");
        assertThat(options.apply(request, channel("openai", ChannelRelayOptions.NONE), "sk-1")).isSameAs(request);
    }

    @Test
    void theSystemPromptIsAddedWhereEachUpstreamKeepsIt() {
        ChannelRelayOptions prompt = relay("Be brief.", false, null, Map.of(), true);
        assertThat(sent("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", prompt)
                .path("messages").get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
        assertThat(sent("/v1/responses", "{\"input\":\"hi\"}", prompt).path("instructions").asString())
                .isEqualTo("Be brief.");
        assertThat(sent("/v1/messages", "{\"messages\":[]}", prompt).path("system").asString()).isEqualTo("Be brief.");
        assertThat(sent("/v1beta/models/g:generateContent", "{\"contents\":[]}", prompt)
                .path("systemInstruction").path("parts").get(0).path("text").asString()).isEqualTo("Be brief.");
        assertThat(sent("/v1/embeddings", "{\"input\":\"hi\"}", prompt).has("messages")).isFalse();
    }

    @Test
    void aRequestsOwnSystemPromptIsKeptOrPrefixedWhenTheChannelOverridesIt() {
        String chat = "{\"messages\":[{\"role\":\"system\",\"content\":\"Mine.\"},{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(sent("/v1/chat/completions", chat, relay("Channel.", false, null, Map.of(), true))
                .path("messages").get(0).path("content").asString()).isEqualTo("Mine.");
        JsonNode prefixed = sent("/v1/chat/completions", chat, relay("Channel.", true, null, Map.of(), true));
        assertThat(prefixed.path("messages").get(0).path("content").asString()).isEqualTo("Channel.\nMine.");
        assertThat(prefixed.path("messages")).hasSize(2);
        assertThat(sent("/v1/messages", "{\"system\":[{\"type\":\"text\",\"text\":\"Mine.\"}]}",
                relay("Channel.", true, null, Map.of(), true)).path("system").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"Channel.\"},{\"type\":\"text\",\"text\":\"Mine.\"}]");
        assertThat(sent("/v1/responses", "{\"instructions\":\"Mine.\"}", relay("Channel.", true, null, Map.of(), true))
                .path("instructions").asString()).isEqualTo("Channel.\nMine.");
    }

    @Test
    void theParameterOverrideIsAMergePatchAndStreamOptionsGoWhenTheUpstreamRefusesThem() {
        JsonNode sent = sent("/v1/chat/completions", """
                {"model":"m","temperature":1,"top_p":0.5,"stream":true,"stream_options":{"include_usage":true},
                 "metadata":{"a":1,"b":2}}""",
                relay(null, false, "{\"temperature\":0.2,\"top_p\":null,\"metadata\":{\"b\":3},\"seed\":7}",
                        Map.of(), false));
        assertThat(sent.toString()).isEqualTo("{\"model\":\"m\",\"temperature\":0.2,\"stream\":true,"
                + "\"metadata\":{\"a\":1,\"b\":3},\"seed\":7}");
    }

    @Test
    void headerOverridesReplaceByNameWithTheKeyForApiKeyAndAreSealed() {
        ChannelRelayOptions relay = relay(null, false, null,
                Map.of("authorization", "Token {api_key}", "X-Org", "org-7"), true);
        assertThat(relay.sealedHeaderOverride()).doesNotContain("org-7");
        ChannelRelayOptions again = relay(null, false, null,
                Map.of("authorization", "Token {api_key}", "X-Org", "org-7"), true);
        assertThat(again.sealedHeaderOverride()).isNotEqualTo(relay.sealedHeaderOverride());
        assertThat(again).as("the same headers, sealed again: the same options").isEqualTo(relay);
        UpstreamRequest sent = options.apply(request("/v1/chat/completions", "{}"), channel("openai", relay), "sk-1");
        assertThat(sent.headers()).containsExactly("Content-Type", "application/json", "X-Org", "org-7",
                "authorization", "Token sk-1");
        assertThat(sent.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMaskedHeaderSentBackKeepsItsValueAndReservedHeadersAreRefused() {
        ChannelRelayOptions first = relay(null, false, null, Map.of("X-Secret", "s3cret"), true);
        assertThat(RelayOptionsInput.maskedHeaders(first, box)).containsExactly(Map.entry("X-Secret", "******"));
        ChannelRelayOptions edited = RelayOptionsInput.build(null, false, null,
                Map.of("X-Secret", RelayOptionsInput.MASK, "X-New", "n"), Map.of(), true, first, box);
        assertThat(box.open(edited.sealedHeaderOverride())).isEqualTo("{\"X-New\":\"n\",\"X-Secret\":\"s3cret\"}");
        assertThatThrownBy(() -> relay(null, false, null, Map.of("Host", "evil"), true))
                .hasMessageContaining("'Host' is not a header");
        assertThatThrownBy(() -> relay(null, false, null, Map.of("X-A", "a\r\nX-B: b"), true))
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> relay(null, false, "[1]", Map.of(), true)).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RelayOptionsInput.build(null, false, null, Map.of(), Map.of("429", "200"), true,
                null, box)).hasMessageContaining("error statuses");
    }

    @Test
    void theStatusCodeMappingChangesOnlyWhatTheClientSees() {
        ChannelView channel = channel("openai", RelayOptionsInput.build(null, false, null, Map.of(),
                Map.of("400", "500"), true, null, box));
        assertThat(ChannelRequestOptions.clientStatus(channel, 400)).isEqualTo(500);
        assertThat(ChannelRequestOptions.clientStatus(channel, 404)).isEqualTo(404);
    }

    @Test
    void aCustomChannelIsAChatEndpointWhateverItsUrl() {
        ChannelView custom = channel("custom", relay("Be brief.", false, null, Map.of(), true));
        UpstreamRequest sent = options.apply(request("/api/generate/m", "{\"messages\":[]}"), custom, "k");
        assertThat(Json.MAPPER.readTree(sent.body()).path("messages").get(0).path("role").asString())
                .isEqualTo("system");
    }

    private JsonNode sent(String path, String body, ChannelRelayOptions relay) {
        return Json.MAPPER.readTree(options.apply(request(path, body), channel("openai", relay), "sk-1").body());
    }

    private ChannelRelayOptions relay(@Nullable String prompt, boolean override, @Nullable String params,
                                      Map<String, String> headers, boolean streamOptions) {
        return RelayOptionsInput.build(prompt, override, params == null ? null : Json.MAPPER.readTree(params),
                headers, Map.of(), streamOptions, null, box);
    }

    private static UpstreamRequest request(String path, String body) {
        return new UpstreamRequest(URI.create("http://upstream.test" + path), List.of("Content-Type",
                "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static ChannelView channel(String type, ChannelRelayOptions relay) {
        return new ChannelView("c-1", "c", type, "http://upstream.test", List.of(new ChannelKey("fp", "sealed")),
                KeySelection.RANDOM, List.of("m"), Map.of(), List.of("default"), 0, 1, null, false, null, true, relay);
    }
}
