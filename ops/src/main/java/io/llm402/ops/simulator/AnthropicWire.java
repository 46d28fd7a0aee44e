package io.llm402.ops.simulator;

import static io.llm402.ops.simulator.Call.JSON;

import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages API: {@code /v1/messages} (answer and {@code event:}-named stream) and token counting. */
final class AnthropicWire {

    private AnthropicWire() {
    }

    /** Anthropic wants {@code x-api-key} and {@code anthropic-version} on every call. */
    static boolean admit(Call call) throws IOException {
        if (Call.blank(call.header("x-api-key"))) {
            call.fail(401, "x-api-key header is required");
            return false;
        }
        if (Call.blank(call.header("anthropic-version"))) {
            call.fail(400, "anthropic-version: header is required");
            return false;
        }
        return true;
    }

    static void countTokens(Call call) throws IOException {
        JsonNode request = call.requestJson();
        if (request != null) {
            int prompt = call.behaviour().tokens(estimate(request), false).prompt();
            call.sendJson(200, JSON.createObjectNode().put("input_tokens", prompt));
        }
    }

    /**
     * A text block (after a thinking block when {@code reasoning > 0}), stop_reason end_turn; with {@code tools > 0}
     * that many {@code tool_use} blocks follow it (streamed one after another as {@code input_json_delta}s) and
     * stop_reason is tool_use.
     */
    static void messages(Call call) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        Behaviour behaviour = call.behaviour();
        String model = Call.text(request.path("model"), "sim-model");
        boolean stream = Call.flag(request.path("stream"));
        Tokens tokens = behaviour.tokens(estimate(request), stream);
        boolean thinking = tokens.reasoning() > 0;
        int tools = behaviour.tools();
        String stopReason = tools > 0 ? "tool_use" : "end_turn";
        ObjectNode message = JSON.createObjectNode().put("id", call.id("msg_sim_")).put("type", "message")
                .put("role", "assistant").put("model", model);
        ArrayNode content = message.putArray("content");
        if (!stream) {
            if (thinking) {
                content.addObject().put("type", "thinking").put("thinking", Fake.REASONING)
                        .put("signature", Fake.SIGNATURE);
            }
            content.addObject().put("type", "text").put("text", UpstreamSimulator.CONTENT);
            for (int i = 0; i < tools; i++) {
                content.add(toolUse(i, Fake.toolInput(i, tools)));
            }
            message.put("stop_reason", stopReason).putNull("stop_sequence");
            if (!behaviour.noUsage()) {
                message.set("usage", usage(tokens, tokens.completion()));
            }
            call.sendJson(200, message);
            return;
        }
        EventStream events = call.startEvents();
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", usage(tokens, 1)); // output_tokens here is a placeholder, as Anthropic sends it
        send(events, event("message_start").set("message", message));
        int index = 0;
        if (thinking) {
            send(events, blockStart(index, JSON.createObjectNode().put("type", "thinking").put("thinking", "")
                    .put("signature", "")));
            send(events, event("ping"));
            send(events, blockDelta(index, JSON.createObjectNode().put("type", "thinking_delta")
                    .put("thinking", Fake.REASONING)));
            send(events, blockDelta(index, JSON.createObjectNode().put("type", "signature_delta")
                    .put("signature", Fake.SIGNATURE)));
            send(events, event("content_block_stop").put("index", index));
            index++;
        }
        int textIndex = index;
        send(events, blockStart(textIndex, JSON.createObjectNode().put("type", "text").put("text", "")));
        if (!thinking) {
            send(events, event("ping")); // where Anthropic's own fixtures have it: after the first block start
        }
        call.streamPieces((i, text) -> send(events, blockDelta(textIndex,
                JSON.createObjectNode().put("type", "text_delta").put("text", text))));
        send(events, event("content_block_stop").put("index", textIndex));
        for (int i = 0; i < tools; i++) {
            int toolIndex = textIndex + 1 + i;
            send(events, blockStart(toolIndex, toolUse(i, JSON.createObjectNode())));
            send(events, blockDelta(toolIndex, inputJsonDelta("")));
            for (String piece : Fake.toolArgumentPieces(i, tools)) {
                send(events, blockDelta(toolIndex, inputJsonDelta(piece)));
            }
            send(events, event("content_block_stop").put("index", toolIndex));
        }
        ObjectNode messageDelta = event("message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        if (!behaviour.noUsage()) {
            messageDelta.putObject("usage").put("output_tokens", tokens.completion()); // cumulative
        }
        send(events, messageDelta);
        send(events, event("message_stop"));
    }

    /** Input split as Anthropic reports it: {@code input_tokens} excludes cache reads and writes. */
    private static ObjectNode usage(Tokens tokens, int outputTokens) {
        ObjectNode usage = JSON.createObjectNode()
                .put("input_tokens", tokens.uncachedInput())
                .put("cache_creation_input_tokens", tokens.cacheWrites())
                .put("cache_read_input_tokens", tokens.cached());
        usage.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", tokens.cacheWrite())
                .put("ephemeral_1h_input_tokens", tokens.cacheWrite1h());
        return usage.put("output_tokens", outputTokens).put("service_tier", "standard");
    }

    private static int estimate(JsonNode request) {
        return Fake.estimateTokens(request.path("messages"), request.path("system"));
    }

    /** Tool call {@code index} as a {@code tool_use} block; a stream starts it with an empty {@code input}. */
    private static ObjectNode toolUse(int index, ObjectNode input) {
        ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", "toolu_" + index)
                .put("name", Fake.toolName(index));
        block.set("input", input);
        return block;
    }

    private static ObjectNode inputJsonDelta(String partialJson) {
        return JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", partialJson);
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
        return event("content_block_start").put("index", index).set("content_block", block);
    }

    private static ObjectNode blockDelta(int index, ObjectNode delta) {
        return event("content_block_delta").put("index", index).set("delta", delta);
    }

    /** The SSE event name must equal the JSON type: Anthropic's SDKs dispatch on the name. */
    private static void send(EventStream events, ObjectNode event) throws IOException {
        events.event(event.path("type").asString(), event);
    }
}
