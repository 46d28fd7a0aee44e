package io.llm402.ops.simulator;

import static io.llm402.ops.simulator.Call.JSON;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Google Gemini: {@code models/{model}:generateContent}, {@code :streamGenerateContent}, counting and embeddings. */
final class GeminiWire {

    private GeminiWire() {
    }

    /** Gemini takes the key as {@code x-goog-api-key} or {@code ?key=}: none is 403, an empty one 400. */
    static boolean admit(Call call) throws IOException {
        @Nullable String header = call.header("x-goog-api-key");
        @Nullable String query = call.query("key");
        if (header == null && query == null) {
            call.fail(403, "Method doesn't allow unregistered callers (callers without established identity)."
                    + " Please use API Key or other form of API consumer identity to call this API.");
            return false;
        }
        if (Call.blank(header) && Call.blank(query)) {
            call.fail(400, "API key not valid. Please pass a valid API key.");
            return false;
        }
        return true;
    }

    /** The handler of {@code method} for {@code model}; null for a method Gemini does not have. */
    static Call.@Nullable Handler method(String model, String method) {
        return switch (method) {
            case "generateContent" -> call -> generate(call, model);
            case "streamGenerateContent" -> call -> stream(call, model);
            case "countTokens" -> GeminiWire::countTokens;
            case "embedContent" -> GeminiWire::embed;
            case "batchEmbedContents" -> GeminiWire::batchEmbed;
            default -> null;
        };
    }

    private static void generate(Call call, String model) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        Tokens tokens = call.behaviour().tokens(estimate(request), false);
        ArrayNode parts = JSON.createArrayNode();
        if (tokens.reasoning() > 0) {
            parts.addObject().put("text", Fake.REASONING).put("thought", true);
        }
        parts.addObject().put("text", UpstreamSimulator.CONTENT);
        addFunctionCalls(parts, call.behaviour().tools());
        call.sendJson(200, response(call, model, parts, true, tokens));
    }

    /**
     * With {@code alt=sse} one {@code data:} event per piece; without, one JSON array, as Google does. With
     * {@code tools > 0} one last chunk carries all the {@code functionCall} parts, finishReason and the usage.
     */
    private static void stream(Call call, String model) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        Tokens tokens = call.behaviour().tokens(estimate(request), true);
        boolean sse = "sse".equals(call.query("alt"));
        EventStream events = call.startStream(sse ? "text/event-stream" : "application/json");
        Output output = new Output(events, sse);
        int tools = call.behaviour().tools();
        if (tokens.reasoning() > 0) {
            ArrayNode thought = JSON.createArrayNode();
            thought.addObject().put("text", Fake.REASONING).put("thought", true);
            output.send(response(call, model, thought, false, tokens));
        }
        call.streamPieces((i, text) -> {
            ArrayNode parts = JSON.createArrayNode();
            parts.addObject().put("text", text);
            output.send(response(call, model, parts, tools == 0 && call.lastPiece(i), tokens));
        });
        if (tools > 0) {
            ArrayNode calls = JSON.createArrayNode();
            addFunctionCalls(calls, tools);
            output.send(response(call, model, calls, true, tokens));
        } else if (call.behaviour().chunks() == 0) { // a stream still ends with a chunk carrying finishReason
            ArrayNode parts = JSON.createArrayNode();
            parts.addObject().put("text", "");
            output.send(response(call, model, parts, true, tokens));
        }
        output.finish();
    }

    private static void countTokens(Call call) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        // countTokens takes either contents directly or a whole generateContentRequest
        JsonNode counted = request.has("generateContentRequest") ? request.path("generateContentRequest") : request;
        int prompt = call.behaviour().tokens(estimate(counted), false).prompt();
        call.sendJson(200, JSON.createObjectNode().put("totalTokens", prompt));
    }

    private static void embed(Call call) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.putObject("embedding").set("values", values(request.path("content")));
        call.sendJson(200, response);
    }

    private static void batchEmbed(Call call) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        JsonNode requests = request.path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            call.fail(400, "requests must be a non-empty array");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode embeddings = response.putArray("embeddings");
        for (JsonNode one : requests.values()) {
            embeddings.addObject().set("values", values(one.path("content")));
        }
        call.sendJson(200, response);
    }

    /**
     * {@code tools} {@code functionCall} parts (Gemini gives them no id); only the first carries a
     * {@code thoughtSignature}, as Gemini 3 sends parallel calls.
     */
    private static void addFunctionCalls(ArrayNode parts, int tools) {
        for (int i = 0; i < tools; i++) {
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall").put("name", Fake.toolName(i));
            functionCall.set("args", Fake.toolInput(i, tools));
            if (i == 0) {
                part.put("thoughtSignature", Fake.TOOL_SIGNATURE);
            }
        }
    }

    private static ArrayNode values(JsonNode content) {
        return Fake.vectorJson(Fake.vector(Fake.joinedText(content)));
    }

    private static int estimate(JsonNode request) {
        JsonNode system = request.has("systemInstruction") ? request.path("systemInstruction")
                : request.path("system_instruction");
        return Fake.estimateTokens(request.path("contents"), system);
    }

    /** One GenerateContentResponse; only the last of a stream has finishReason and the complete usage. */
    private static ObjectNode response(Call call, String model, ArrayNode parts, boolean last, Tokens tokens) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        if (!call.behaviour().noUsage()) {
            response.set("usageMetadata", usageMetadata(tokens, last));
        }
        return response.put("modelVersion", model).put("responseId", call.id("sim-"));
    }

    /** promptTokenCount includes the cached tokens; candidatesTokenCount excludes the thoughts. */
    private static ObjectNode usageMetadata(Tokens tokens, boolean complete) {
        ObjectNode usage = JSON.createObjectNode().put("promptTokenCount", tokens.prompt());
        if (tokens.cached() > 0) {
            usage.put("cachedContentTokenCount", tokens.cached());
        }
        if (!complete) { // early stream chunks carry only the prompt, as Gemini's do
            return usage.put("totalTokenCount", tokens.prompt());
        }
        usage.put("candidatesTokenCount", tokens.completion());
        if (tokens.reasoning() > 0) {
            usage.put("thoughtsTokenCount", tokens.reasoning());
        }
        return usage.put("totalTokenCount", tokens.prompt() + tokens.completion() + tokens.reasoning());
    }

    /** SSE events (each ending in a blank line: @google/genai rejects an unterminated last one) or a JSON array. */
    private static final class Output {

        private final EventStream events;
        private final boolean sse;
        private boolean first = true;

        Output(EventStream events, boolean sse) {
            this.events = events;
            this.sse = sse;
        }

        void send(ObjectNode response) throws IOException {
            if (sse) {
                events.data(response);
            } else {
                events.write((first ? "[" : ",\r\n") + JSON.writeValueAsString(response));
            }
            first = false;
        }

        void finish() throws IOException {
            if (!sse) {
                events.write(first ? "[]" : "]");
            }
        }
    }
}
