package io.llm402.gateway.convert.gemini;

import static io.llm402.gateway.convert.JsonFields.count;
import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.wire.Json;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole Gemini answer as an OpenAI chat completion, for an OpenAI Chat client served by a Gemini upstream
 * (api-formats §12.2–§12.4); the request went out through {@link ChatRequestToGemini}. Thought signatures go to the
 * client in {@code tool_calls[].extra_content.google.thought_signature} (§12.5). The finish reasons, usage and tool
 * calls built here are {@link GeminiStreamToChat}'s too.
 */
public final class GeminiAnswerToChat {

    private static final Logger log = LoggerFactory.getLogger(GeminiAnswerToChat.class);
    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "LANGUAGE");
    private static final Set<String> TOOL_FAILURES = Set.of("MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL",
            "TOO_MANY_TOOL_CALLS");

    private GeminiAnswerToChat() {
    }

    /**
     * A whole Gemini answer as a {@code chat.completion} (§12.2–§12.4); one choice per candidate. {@code created} is
     * read from {@code clock}; ids Gemini did not send come from {@code ids}.
     */
    public static ObjectNode convert(JsonNode gemini, String clientModel, Clock clock, Ids ids) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        String responseId = str(gemini.path("responseId"));
        out.put("id", responseId.isEmpty() ? completionId(ids) : responseId);
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", clientModel);
        ArrayNode choices = out.putArray("choices");
        JsonNode candidates = gemini.path("candidates");
        if (candidates.isEmpty()) {
            // A blocked prompt comes back without candidates; the client gets an empty, filtered answer.
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", "");
            boolean blocked = gemini.path("promptFeedback").path("blockReason").isString();
            choice.put("finish_reason", blocked ? "content_filter" : "stop");
        }
        int position = 0;
        for (JsonNode candidate : candidates) {
            choices.add(choice(candidate, position++, ids));
        }
        ObjectNode usage = usage(gemini.path("usageMetadata"));
        if (usage != null) {
            out.set("usage", usage);
        }
        return out;
    }

    private static ObjectNode choice(JsonNode candidate, int position, Ids ids) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                calls.add(toolCall(part, -1, ids));
            } else if (part.path("thought").asBoolean(false)) {
                reasoning.append(str(part.path("text")));
            } else {
                text.append(visibleText(part));
            }
        }
        ObjectNode choice = Json.MAPPER.createObjectNode();
        choice.put("index", candidate.path("index").isNumber() ? candidate.path("index").asInt() : position);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(str(candidate.path("finishReason"), "STOP"), !calls.isEmpty()));
        return choice;
    }

    /** Non-thought output: text, image output as markdown and code execution as fenced blocks (new-api). */
    static String visibleText(JsonNode part) {
        if (part.path("text").isString()) {
            return part.path("text").asString();
        }
        JsonNode inline = part.path("inlineData");
        String mime = str(inline.path("mimeType"));
        if (mime.startsWith("image/")) {
            return "![image](data:" + mime + ";base64," + str(inline.path("data")) + ")";
        }
        if (part.path("executableCode").isObject()) {
            JsonNode code = part.path("executableCode");
            return "\n```" + str(code.path("language")).toLowerCase(Locale.ROOT) + "\n"
                    + str(code.path("code")) + "\n```\n";
        }
        if (part.path("codeExecutionResult").isObject()) {
            return "\n```\n" + str(part.path("codeExecutionResult").path("output")) + "\n```\n";
        }
        return "";
    }

    /**
     * One complete OpenAI tool call; {@code index} only in stream deltas (negative: none). Gemini seldom sends an id,
     * so one is made up, unique across conversations since a client keys its history by it.
     */
    static ObjectNode toolCall(JsonNode part, int index, Ids ids) {
        JsonNode function = part.path("functionCall");
        ObjectNode call = Json.MAPPER.createObjectNode();
        if (index >= 0) {
            call.put("index", index);
        }
        String id = str(function.path("id"));
        call.put("id", id.isEmpty() ? ids.next("call_", 24) : id);
        call.put("type", "function");
        ObjectNode target = call.putObject("function");
        target.put("name", str(function.path("name")));
        JsonNode args = function.path("args");
        target.put("arguments", args.isObject() ? Json.MAPPER.writeValueAsString(args) : "{}");
        String signature = str(part.path("thoughtSignature"));
        if (!signature.isEmpty()) {
            call.putObject("extra_content").putObject("google").put("thought_signature", signature);
        }
        return call;
    }

    /** §12.4; a tool-call turn still finishes with STOP. */
    static String finishReason(String gemini, boolean toolCalls) {
        if (gemini.equals("STOP")) {
            return toolCalls ? "tool_calls" : "stop";
        }
        if (gemini.equals("MAX_TOKENS")) {
            return "length";
        }
        if (FILTERED.contains(gemini)) {
            return "content_filter";
        }
        if (TOOL_FAILURES.contains(gemini)) {
            log.warn("Gemini ended a turn with {}; the client sees finish_reason stop", gemini);
        }
        return "stop";
    }

    /**
     * §12.3: tool-use prompt tokens are prompt, thoughts are completion (and reasoning); the cache is part of the
     * prompt as in OpenAI.
     */
    static @Nullable ObjectNode usage(JsonNode metadata) {
        if (!metadata.isObject()) {
            return null;
        }
        long prompt = count(metadata.path("promptTokenCount")) + count(metadata.path("toolUsePromptTokenCount"));
        long thoughts = count(metadata.path("thoughtsTokenCount"));
        long completion = count(metadata.path("candidatesTokenCount")) + thoughts;
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", metadata.path("totalTokenCount").isNumber()
                ? count(metadata.path("totalTokenCount")) : prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", count(metadata.path("cachedContentTokenCount")));
        usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        return usage;
    }

    /** A completion id of the gateway's own, for an answer or stream without Gemini's {@code responseId}. */
    static String completionId(Ids ids) {
        return ids.next("chatcmpl-", 24);
    }
}
