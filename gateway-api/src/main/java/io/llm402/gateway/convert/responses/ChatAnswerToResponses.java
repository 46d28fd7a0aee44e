package io.llm402.gateway.convert.responses;

import static io.llm402.gateway.convert.JsonFields.count;
import static io.llm402.gateway.convert.JsonFields.reasoning;
import static io.llm402.gateway.convert.JsonFields.str;

import io.llm402.gateway.convert.Ids;
import io.llm402.gateway.wire.Json;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole chat completion as an OpenAI Responses object, for a Responses client served by a Chat Completions upstream
 * (api-formats §3.3, §3.5); the request went out through {@link ResponsesRequestToChat}. The response envelope, the
 * output items and the usage built here are {@link ChatStreamToResponses}'s too.
 */
public final class ChatAnswerToResponses {

    private ChatAnswerToResponses() {
    }

    /**
     * The Responses object for a whole chat completion (§3.3); the first choice only, as Responses has no {@code n}.
     * {@code created_at} is the completion's {@code created}, else read from {@code clock}; the item and response ids
     * come from {@code ids}.
     */
    public static ObjectNode convert(JsonNode chatCompletion, ObjectNode responsesRequest, Clock clock, Ids ids) {
        JsonNode choice = chatCompletion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String incomplete = incompleteReason(str(choice.path("finish_reason")));
        ArrayNode output = Json.MAPPER.createArrayNode();
        String reasoning = reasoning(message);
        if (!reasoning.isEmpty()) {
            output.add(reasoningItem(ids.next("rs_", 32), reasoning));
        }
        JsonNode calls = message.path("tool_calls");
        String content = content(message.path("content"));
        String refusal = str(message.path("refusal"));
        if (!content.isEmpty() || !refusal.isEmpty()) {
            // Cut short only if nothing follows it, as in the stream, where a message closes when a call starts.
            boolean cut = incomplete != null && calls.isEmpty();
            ObjectNode item = messageItem(ids.next("msg_", 32), cut ? "incomplete" : "completed", content);
            if (!refusal.isEmpty()) {
                ArrayNode parts = (ArrayNode) item.path("content");
                if (content.isEmpty()) {
                    parts.removeAll();
                }
                parts.addObject().put("type", "refusal").put("refusal", refusal);
            }
            output.add(item);
        }
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            output.add(functionCallItem(ids.next("fc_", 32), callId(call, ids), str(function.path("name")),
                    str(function.path("arguments")), "completed"));
        }
        JsonNode created = chatCompletion.path("created");
        return envelope(responsesRequest, ids.next("resp_", 32),
                created.isNumber() ? created.asLong() : clock.instant().getEpochSecond(),
                incomplete == null ? "completed" : "incomplete", incomplete, output, usage(chatCompletion.path("usage")));
    }

    /** §3.5 and TV-09: the same counts under Responses names; the cache stays inside the input, as in Chat. */
    static @Nullable ObjectNode usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        JsonNode promptDetails = usage.path("prompt_tokens_details");
        long input = count(usage.path("prompt_tokens"));
        long cached = count(promptDetails.path("cached_tokens"));
        if (cached == 0) {
            cached = count(usage.path("prompt_cache_hit_tokens")); // DeepSeek
        }
        long output = count(usage.path("completion_tokens"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("input_tokens", input);
        ObjectNode inputDetails = out.putObject("input_tokens_details");
        inputDetails.put("cached_tokens", cached);
        if (promptDetails.path("cache_write_tokens").isNumber()) {
            inputDetails.put("cache_write_tokens", count(promptDetails.path("cache_write_tokens")));
        }
        out.put("output_tokens", output);
        out.putObject("output_tokens_details")
                .put("reasoning_tokens", count(usage.path("completion_tokens_details").path("reasoning_tokens")));
        out.put("total_tokens", usage.path("total_tokens").isNumber() ? count(usage.path("total_tokens")) : input + output);
        return out;
    }

    static @Nullable String incompleteReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
    }

    private static String content(JsonNode content) {
        if (!content.isArray()) {
            return str(content);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(str(part.path("text")));
        }
        return text.toString();
    }

    private static String callId(JsonNode call, Ids ids) {
        String id = str(call.path("id"));
        return id.isEmpty() ? ids.next("call_", 32) : id;
    }

    /**
     * The response object around an output. What the request set is echoed (the SDK types expect these keys); the
     * rest takes the API's defaults.
     */
    static ObjectNode envelope(ObjectNode request, String id, long createdAt, String status,
                               @Nullable String incompleteReason, ArrayNode output, @Nullable ObjectNode usage) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", status);
        response.putNull("error");
        if (incompleteReason == null) {
            response.putNull("incomplete_details");
        } else {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        echo(request, "instructions", response, null);
        echo(request, "max_output_tokens", response, null);
        response.put("model", str(request.path("model")));
        response.set("output", output);
        echo(request, "parallel_tool_calls", response, Json.MAPPER.getNodeFactory().booleanNode(true));
        echo(request, "reasoning", response, null);
        echo(request, "temperature", response, null);
        echo(request, "text", response, null);
        echo(request, "tool_choice", response, Json.MAPPER.getNodeFactory().stringNode("auto"));
        echo(request, "tools", response, Json.MAPPER.createArrayNode());
        echo(request, "top_p", response, null);
        echo(request, "metadata", response, Json.MAPPER.createObjectNode());
        response.put("store", false);
        if (usage == null) {
            response.putNull("usage");
        } else {
            response.set("usage", usage);
        }
        return response;
    }

    private static void echo(JsonNode request, String field, ObjectNode response, @Nullable JsonNode fallback) {
        JsonNode value = request.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            response.set(field, value.deepCopy());
        } else if (fallback != null) {
            response.set(field, fallback);
        } else {
            response.putNull(field);
        }
    }

    static ObjectNode reasoningItem(String id, @Nullable String text) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id);
        item.put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (text != null) {
            summary.add(summaryPart(text));
        }
        return item;
    }

    static ObjectNode summaryPart(String text) {
        return Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
    }

    static ObjectNode messageItem(String id, String status, @Nullable String text) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(textPart(text));
        }
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode functionCallItem(String id, String callId, String name, String arguments, String status) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("call_id", callId);
        item.put("name", name);
        item.put("arguments", arguments);
        return item;
    }
}
