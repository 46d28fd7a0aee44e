package io.llm402.ops.simulator;

import static io.llm402.ops.simulator.Call.JSON;

import io.llm402.ops.simulator.Behaviour.Flavor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's formats (Chat Completions, legacy Completions, Responses, Embeddings, the model list), also spoken for
 * Azure (the deployment, when given, is the answer's model) and, with {@code flavor=deepseek}, DeepSeek's chat usage.
 * Chat carries the de-facto {@code reasoning_content} extension when {@code reasoning > 0}, and {@code tools} tool
 * calls after the text, streamed in parallel by {@code index}.
 */
final class OpenAiWire {

    private OpenAiWire() {
    }

    static void models(Call call) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addObject()
                .put("id", "sim-model").put("object", "model").put("created", 0).put("owned_by", "simulator");
        call.sendJson(200, list);
    }

    /** Azure accepts only its {@code api-key} header (Entra tokens are out of scope here). */
    static boolean azureKey(Call call) throws IOException {
        if (Call.blank(call.header("api-key"))) {
            call.fail(401, "Access denied due to missing subscription key. Make sure to include the api-key header.");
            return false;
        }
        return true;
    }

    /** Azure's dated deployment paths also need {@code ?api-version=}. */
    static boolean azureKeyAndVersion(Call call) throws IOException {
        if (!azureKey(call)) {
            return false;
        }
        if (Call.blank(call.query("api-version"))) {
            call.fail(400, "Missing required query parameter: api-version");
            return false;
        }
        return true;
    }

    static void chat(Call call, @Nullable String deployment) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        Behaviour behaviour = call.behaviour();
        String model = deployment != null ? deployment : Call.text(request.path("model"), "sim-model");
        boolean stream = Call.flag(request.path("stream"));
        Tokens tokens = behaviour.tokens(Fake.estimateTokens(request.path("messages")), stream);
        boolean deepseek = behaviour.flavor() == Flavor.DEEPSEEK;
        boolean thinking = tokens.reasoning() > 0; // reasoning_content, as DeepSeek, vLLM and new-api send it
        int tools = behaviour.tools();
        String finishReason = tools > 0 ? "tool_calls" : "stop";
        Chunks chunks = new Chunks("chat.completion.chunk", call.id("chatcmpl-sim-"), Call.now(), model);
        if (!stream) {
            ObjectNode response = chunks.header("chat.completion");
            ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (thinking) {
                message.put("reasoning_content", Fake.REASONING);
            }
            message.put("content", UpstreamSimulator.CONTENT).putNull("refusal");
            if (tools > 0) {
                ArrayNode toolCalls = message.putArray("tool_calls");
                for (int i = 0; i < tools; i++) {
                    ObjectNode toolCall = toolCalls.addObject().put("id", toolCallId(i)).put("type", "function");
                    toolCall.putObject("function").put("name", Fake.toolName(i))
                            .put("arguments", Fake.toolArguments(i, tools));
                }
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            if (!behaviour.noUsage()) {
                response.set("usage", usage(tokens, deepseek));
            }
            call.sendJson(200, response);
            return;
        }
        boolean usageField = Call.flag(request.path("stream_options").path("include_usage")) && !behaviour.noUsage();
        EventStream events = call.startEvents();
        chunks.send(events, delta(JSON.createObjectNode().put("role", "assistant").put("content", ""), null),
                usageField);
        if (thinking) {
            chunks.send(events, delta(JSON.createObjectNode().put("reasoning_content", Fake.REASONING), null),
                    usageField);
        }
        call.streamPieces((i, text) ->
                chunks.send(events, delta(JSON.createObjectNode().put("content", text), null), usageField));
        if (tools > 0) {
            streamToolCalls(events, chunks, tools, usageField);
        }
        chunks.send(events, delta(JSON.createObjectNode(), finishReason), usageField);
        if (usageField) {
            chunks.sendUsage(events, usage(tokens, deepseek));
        }
        events.write("data: [DONE]\n\n");
    }

    /**
     * The tool calls in parallel: first one fragment per call with its {@code index}, {@code id}, {@code type} and
     * name (arguments {@code ""}), then the argument fragments, round by round across the calls (0, 1, 0, 1, 1, ...);
     * a call without arguments gets none.
     */
    private static void streamToolCalls(EventStream events, Chunks chunks, int tools, boolean usageField)
            throws IOException {
        List<List<String>> pieces = new ArrayList<>(tools);
        int rounds = 0;
        for (int i = 0; i < tools; i++) {
            ObjectNode toolCall = JSON.createObjectNode().put("index", i).put("id", toolCallId(i))
                    .put("type", "function");
            toolCall.putObject("function").put("name", Fake.toolName(i)).put("arguments", "");
            chunks.send(events, toolCallDelta(toolCall), usageField);
            List<String> arguments = Fake.toolArgumentPieces(i, tools);
            pieces.add(arguments);
            rounds = Math.max(rounds, arguments.size());
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < tools; i++) {
                if (round < pieces.get(i).size()) {
                    ObjectNode fragment = JSON.createObjectNode().put("index", i);
                    fragment.putObject("function").put("arguments", pieces.get(i).get(round));
                    chunks.send(events, toolCallDelta(fragment), usageField);
                }
            }
        }
    }

    private static String toolCallId(int index) {
        return "call_" + index;
    }

    private static ObjectNode toolCallDelta(ObjectNode toolCall) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(toolCall);
        return delta(delta, null);
    }

    /** The legacy {@code /v1/completions}: the same as chat but with {@code choices[].text}. */
    static void completions(Call call, @Nullable String deployment) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        Behaviour behaviour = call.behaviour();
        String model = deployment != null ? deployment : Call.text(request.path("model"), "sim-model");
        boolean stream = Call.flag(request.path("stream"));
        Tokens tokens = behaviour.tokens(Fake.estimateTextTokens(request.path("prompt")), stream);
        boolean deepseek = behaviour.flavor() == Flavor.DEEPSEEK;
        Chunks chunks = new Chunks("text_completion", call.id("cmpl-sim-"), Call.now(), model);
        if (!stream) {
            ObjectNode response = chunks.header("text_completion");
            response.putArray("choices").add(textChoice(UpstreamSimulator.CONTENT, "stop"));
            if (!behaviour.noUsage()) {
                response.set("usage", usage(tokens, deepseek));
            }
            call.sendJson(200, response);
            return;
        }
        boolean usageField = Call.flag(request.path("stream_options").path("include_usage")) && !behaviour.noUsage();
        EventStream events = call.startEvents();
        call.streamPieces((i, text) -> chunks.send(events, textChoice(text, null), usageField));
        chunks.send(events, textChoice("", "stop"), usageField);
        if (usageField) {
            chunks.sendUsage(events, usage(tokens, deepseek));
        }
        events.write("data: [DONE]\n\n");
    }

    /** {@code /v1/responses}: one message item; the stream is the nine-step event sequence, without [DONE]. */
    static void responses(Call call) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        Behaviour behaviour = call.behaviour();
        String model = Call.text(request.path("model"), "sim-model");
        boolean stream = Call.flag(request.path("stream"));
        Tokens tokens = behaviour.tokens(
                Fake.estimateTokens(request.path("input"), request.path("instructions")), stream);
        String id = call.id("resp_sim_");
        String itemId = call.id("msg_sim_");
        long created = Call.now();
        @Nullable ObjectNode usage = behaviour.noUsage() ? null : responsesUsage(tokens);
        if (!stream) {
            ArrayNode output = JSON.createArrayNode().add(messageItem(itemId, "completed",
                    outputText(UpstreamSimulator.CONTENT)));
            call.sendJson(200, response(id, created, model, "completed", output, usage));
            return;
        }
        EventStream events = call.startEvents();
        Sequence sequence = new Sequence(events);
        ObjectNode started = response(id, created, model, "in_progress", JSON.createArrayNode(), null);
        sequence.send(sequence.next("response.created").set("response", started));
        sequence.send(sequence.next("response.in_progress").set("response", started));
        sequence.send(sequence.next("response.output_item.added").put("output_index", 0)
                .set("item", messageItem(itemId, "in_progress", null)));
        sequence.send(part(sequence.next("response.content_part.added"), itemId).set("part", outputText("")));
        call.streamPieces((i, text) -> {
            ObjectNode delta = part(sequence.next("response.output_text.delta"), itemId).put("delta", text);
            delta.putArray("logprobs");
            sequence.send(delta);
        });
        String text = Fake.streamedText(behaviour.chunks());
        ObjectNode textDone = part(sequence.next("response.output_text.done"), itemId).put("text", text);
        textDone.putArray("logprobs");
        sequence.send(textDone);
        sequence.send(part(sequence.next("response.content_part.done"), itemId).set("part", outputText(text)));
        ObjectNode item = messageItem(itemId, "completed", outputText(text));
        sequence.send(sequence.next("response.output_item.done").put("output_index", 0).set("item", item));
        ArrayNode output = JSON.createArrayNode().add(item);
        sequence.send(sequence.next("response.completed")
                .set("response", response(id, created, model, "completed", output, usage)));
    }

    /** {@code /v1/embeddings}: one {@link Fake#vector} per input, as floats or as base64 float32 when asked. */
    static void embeddings(Call call, @Nullable String deployment) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        JsonNode input = request.path("input");
        List<JsonNode> inputs = inputs(input);
        if (inputs.isEmpty()) {
            call.fail(400, "'input' must be a non-empty string or array");
            return;
        }
        boolean base64 = Call.text(request.path("encoding_format"), "float").equals("base64");
        ObjectNode response = JSON.createObjectNode().put("object", "list");
        ArrayNode data = response.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode one = inputs.get(i);
            float[] vector = Fake.vector(one.isString() ? one.asString() : one.toString());
            ObjectNode embedding = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                embedding.put("embedding", Fake.vectorBase64(vector));
            } else {
                embedding.set("embedding", Fake.vectorJson(vector));
            }
        }
        response.put("model", deployment != null ? deployment : Call.text(request.path("model"), "sim-embedding"));
        if (!call.behaviour().noUsage()) {
            int prompt = call.behaviour().tokens(Fake.estimateTextTokens(input), false).prompt();
            response.putObject("usage").put("prompt_tokens", prompt).put("total_tokens", prompt);
        }
        call.sendJson(200, response);
    }

    /** A string, an array of strings, one token array, or an array of token arrays: one vector each. */
    private static List<JsonNode> inputs(JsonNode input) {
        List<JsonNode> inputs = new ArrayList<>();
        if (input.isString()) {
            inputs.add(input);
        } else if (input.isArray() && !input.isEmpty() && input.path(0).isNumber()) {
            inputs.add(input); // a single token array
        } else if (input.isArray()) {
            inputs.addAll(input.values());
        }
        return inputs;
    }

    /** Chat usage; DeepSeek reports cache hits and misses at the top level instead of {@code prompt_tokens_details}. */
    static ObjectNode usage(Tokens tokens, boolean deepseek) {
        ObjectNode usage = JSON.createObjectNode()
                .put("prompt_tokens", tokens.prompt())
                .put("completion_tokens", tokens.completion())
                .put("total_tokens", tokens.prompt() + tokens.completion());
        if (deepseek) {
            usage.put("prompt_cache_hit_tokens", tokens.cached())
                    .put("prompt_cache_miss_tokens", Math.max(0, tokens.prompt() - tokens.cached()));
        } else {
            ObjectNode details = usage.putObject("prompt_tokens_details").put("cached_tokens", tokens.cached());
            if (tokens.cacheWrites() > 0) {
                details.put("cache_write_tokens", tokens.cacheWrites());
            }
        }
        usage.putObject("completion_tokens_details").put("reasoning_tokens", tokens.reasoning());
        return usage;
    }

    private static ObjectNode responsesUsage(Tokens tokens) {
        ObjectNode usage = JSON.createObjectNode().put("input_tokens", tokens.prompt());
        ObjectNode inputDetails = usage.putObject("input_tokens_details").put("cached_tokens", tokens.cached());
        if (tokens.cacheWrites() > 0) {
            inputDetails.put("cache_write_tokens", tokens.cacheWrites());
        }
        usage.put("output_tokens", tokens.completion());
        usage.putObject("output_tokens_details").put("reasoning_tokens", tokens.reasoning());
        usage.put("total_tokens", tokens.prompt() + tokens.completion());
        return usage;
    }

    private static ObjectNode delta(ObjectNode delta, @Nullable String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        return finish(choice, finishReason);
    }

    private static ObjectNode textChoice(String text, @Nullable String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("text", text).put("index", 0);
        choice.putNull("logprobs");
        return finish(choice, finishReason);
    }

    private static ObjectNode finish(ObjectNode choice, @Nullable String finishReason) {
        return finishReason == null ? choice.putNull("finish_reason") : choice.put("finish_reason", finishReason);
    }

    private static ObjectNode response(String id, long created, String model, String status, ArrayNode output,
                                       @Nullable ObjectNode usage) {
        ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "response")
                .put("created_at", created).put("status", status).put("model", model);
        response.set("output", output);
        response.set("usage", usage); // null in progress and with noUsage
        response.putNull("error");
        response.putNull("incomplete_details");
        return response;
    }

    private static ObjectNode messageItem(String itemId, String status, @Nullable ObjectNode part) {
        ObjectNode item = JSON.createObjectNode().put("type", "message").put("id", itemId).put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (part != null) {
            content.add(part);
        }
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode part(ObjectNode event, String itemId) {
        return event.put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    /** The envelope of one streamed chat or completion chunk. */
    private record Chunks(String object, String id, long created, String model) {

        ObjectNode header(String objectType) {
            return JSON.createObjectNode()
                    .put("id", id).put("object", objectType).put("created", created).put("model", model);
        }

        void send(EventStream events, ObjectNode choice, boolean usageField) throws IOException {
            ObjectNode chunk = header(object);
            chunk.putArray("choices").add(choice);
            if (usageField) {
                chunk.putNull("usage"); // what OpenAI sends on every chunk once include_usage is asked for
            }
            events.data(chunk);
        }

        void sendUsage(EventStream events, ObjectNode usage) throws IOException {
            ObjectNode chunk = header(object);
            chunk.putArray("choices");
            chunk.set("usage", usage);
            events.data(chunk);
        }
    }

    /** Responses events: each named by its type and numbered from 0. */
    private static final class Sequence {

        private final EventStream events;
        private int next;

        Sequence(EventStream events) {
            this.events = events;
        }

        ObjectNode next(String type) {
            return JSON.createObjectNode().put("type", type).put("sequence_number", next++);
        }

        void send(ObjectNode event) throws IOException {
            events.event(event.path("type").asString(), event);
        }
    }
}
