package io.llm402.gateway.convert.claude;

import io.llm402.gateway.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Claude usage, latest value of each count winning (message_delta counts are cumulative, §5.4), in OpenAI's terms. */
final class ClaudeUsageToChat {
    private long input;
    private long cacheRead;
    private long cacheCreation;
    private long output;
    private long thinking;

    void add(JsonNode usage) {
        input = latest(usage.path("input_tokens"), input);
        cacheRead = latest(usage.path("cache_read_input_tokens"), cacheRead);
        cacheCreation = latest(usage.path("cache_creation_input_tokens"), cacheCreation);
        output = latest(usage.path("output_tokens"), output);
        thinking = latest(usage.path("output_tokens_details").path("thinking_tokens"), thinking);
    }

    private static long latest(JsonNode count, long previous) {
        return count.isNumber() ? Math.max(0, count.asLong()) : previous;
    }

    /** §11.7: OpenAI's prompt count includes cache reads and writes, Claude's input count neither. */
    ObjectNode openAi() {
        long prompt = input + cacheRead + cacheCreation;
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", prompt + output);
        ObjectNode details = usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        if (cacheCreation > 0) {
            details.put("cache_write_tokens", cacheCreation);
        }
        if (thinking > 0) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", thinking);
        }
        return usage;
    }
}
