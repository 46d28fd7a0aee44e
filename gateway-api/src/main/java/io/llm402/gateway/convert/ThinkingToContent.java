package io.llm402.gateway.convert;

import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The channel setting {@code thinking_to_content} for OpenAI Chat clients (api-formats §13.5, TV-10): upstream
 * reasoning reaches the client as {@code <think>\n…\n</think>\n} at the start of {@code content}, exactly once, and
 * never as {@code reasoning_content}. Unlike new-api, the tag is also closed before tool calls and at the finish, and
 * non-streamed answers are converted too.
 */
public final class ThinkingToContent {
    static final String OPEN = "<think>\n";
    static final String CLOSE = "\n</think>\n";

    private ThinkingToContent() {
    }

    /** A whole chat completion, converted in place; choices without reasoning are left as they are. */
    public static JsonNode whole(JsonNode completion) {
        for (JsonNode choice : completion.path("choices")) {
            if (choice.path("message") instanceof ObjectNode message) {
                String reasoning = reasoning(message);
                if (!reasoning.isEmpty()) {
                    message.put("content", OPEN + reasoning + CLOSE + message.path("content").asString(""));
                    message.remove("reasoning_content");
                    message.remove("reasoning");
                }
            }
        }
        return completion;
    }

    private static String reasoning(JsonNode holder) {
        JsonNode reasoning = holder.path("reasoning_content");
        if (!reasoning.isString()) {
            reasoning = holder.path("reasoning");
        }
        return reasoning.asString("");
    }

    /** The streaming state machine, one state per choice index. */
    public static final class Stream {

        private enum State { NONE, OPEN, CLOSED }

        private final Map<Integer, State> states = new HashMap<>();

        /** One upstream chunk in, one or two chunks out (a closing tag goes in its own chunk before a tool call). */
        public List<SseEvent> onEvent(SseEvent event) {
            JsonNode chunk;
            try {
                chunk = Json.MAPPER.readTree(event.data());
            } catch (JacksonException e) {
                return List.of(event);
            }
            if (!(chunk instanceof ObjectNode object) || !chunk.path("choices").isArray()) {
                return List.of(event);
            }
            List<SseEvent> out = new ArrayList<>(2);
            for (JsonNode choice : object.path("choices")) {
                if (!(choice.path("delta") instanceof ObjectNode delta)) {
                    continue;
                }
                int index = choice.path("index").asInt(0);
                State state = states.getOrDefault(index, State.NONE);
                StringBuilder content = new StringBuilder();
                String reasoning = reasoning(delta);
                if (!reasoning.isEmpty()) {
                    content.append(state == State.NONE ? OPEN : "").append(reasoning);
                    state = state == State.NONE ? State.OPEN : state;
                }
                String text = delta.path("content").asString("");
                boolean toolCalls = delta.path("tool_calls").isArray() && !delta.path("tool_calls").isEmpty();
                boolean finish = choice.path("finish_reason").isString();
                if (!text.isEmpty() && state == State.OPEN) {
                    content.append(CLOSE);
                    state = State.CLOSED;
                }
                content.append(text);
                if ((toolCalls || finish) && state == State.OPEN) {
                    // The tag closes in a chunk of its own, before the tool call or the finish it precedes.
                    out.add(contentOnly(object, index, content.append(CLOSE).toString()));
                    content.setLength(0);
                    state = State.CLOSED;
                }
                states.put(index, state);
                delta.remove("reasoning_content");
                delta.remove("reasoning");
                if (!content.isEmpty()) {
                    delta.put("content", content.toString());
                }
            }
            out.add(new SseEvent(event.name(), Json.MAPPER.writeValueAsString(object)));
            return out;
        }

        private static SseEvent contentOnly(ObjectNode chunk, int index, String content) {
            ObjectNode copy = chunk.deepCopy();
            copy.remove("usage");
            ObjectNode choice = copy.putArray("choices").addObject();
            choice.put("index", index);
            choice.putObject("delta").put("content", content);
            choice.putNull("finish_reason");
            return new SseEvent(null, Json.MAPPER.writeValueAsString(copy));
        }
    }
}
