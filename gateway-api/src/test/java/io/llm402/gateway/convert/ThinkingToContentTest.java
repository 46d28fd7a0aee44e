package io.llm402.gateway.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TV-10. */
class ThinkingToContentTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static SseEvent chunk(String delta, String finish) {
        return new SseEvent(null, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}");
    }

    private static List<JsonNode> run(SseEvent... events) {
        ThinkingToContent.Stream stream = new ThinkingToContent.Stream();
        List<JsonNode> out = new ArrayList<>();
        for (SseEvent event : events) {
            for (SseEvent converted : stream.onEvent(event)) {
                out.add(JSON.readTree(converted.data()));
            }
        }
        return out;
    }

    private static String content(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            text.append(chunk.at("/choices/0/delta/content").asString(""));
        }
        return text.toString();
    }

    @Test
    void reasoningThenContent() {
        List<JsonNode> out = run(chunk("{\"reasoning_content\":\"A\"}", "null"),
                chunk("{\"reasoning_content\":\"B\"}", "null"), chunk("{\"content\":\"C\"}", "null"),
                chunk("{}", "\"stop\""));
        assertThat(content(out)).isEqualTo("<think>\nAB\n</think>\nC");
        assertThat(out).allSatisfy(c -> assertThat(c.toString()).doesNotContain("reasoning_content"));
        assertThat(out.getLast()).isEqualTo(JSON.readTree(chunk("{}", "\"stop\"").data()));
    }

    @Test
    void reasoningThenAToolCallClosesTheTagFirst() {
        List<JsonNode> out = run(chunk("{\"reasoning_content\":\"A\"}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", "null"),
                chunk("{}", "\"tool_calls\""));
        assertThat(content(out)).isEqualTo("<think>\nA\n</think>\n");
        int toolCall = -1;
        int closed = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).at("/choices/0/delta/tool_calls").isArray()) {
                toolCall = i;
            }
            if (out.get(i).at("/choices/0/delta/content").asString("").endsWith("</think>\n")) {
                closed = i;
            }
        }
        assertThat(closed).isLessThan(toolCall);
    }

    @Test
    void reasoningOnlyStreamsStillCloseTheTag() {
        assertThat(content(run(chunk("{\"reasoning_content\":\"A\"}", "null"), chunk("{}", "\"stop\""))))
                .isEqualTo("<think>\nA\n</think>\n");
    }

    @Test
    void wholeAnswers() {
        assertThat(ThinkingToContent.whole(JSON.readTree(
                "{\"choices\":[{\"message\":{\"reasoning_content\":\"AB\",\"content\":\"C\"}}]}")))
                .isEqualTo(JSON.readTree("{\"choices\":[{\"message\":{\"content\":\"<think>\\nAB\\n</think>\\nC\"}}]}"));
        assertThat(ThinkingToContent.whole(JSON.readTree(
                "{\"choices\":[{\"message\":{\"reasoning_content\":\"\",\"content\":\"C\"}}]}")))
                .isEqualTo(JSON.readTree("{\"choices\":[{\"message\":{\"reasoning_content\":\"\",\"content\":\"C\"}}]}"));
    }

    @Test
    void doneAndUsageChunksPassUnchanged() {
        SseEvent done = new SseEvent(null, "[DONE]");
        assertThat(new ThinkingToContent.Stream().onEvent(done)).containsExactly(done);
    }
}
