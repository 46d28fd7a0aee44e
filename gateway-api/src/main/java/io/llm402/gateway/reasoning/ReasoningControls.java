package io.llm402.gateway.reasoning;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a suffix's reasoning into an upstream request body, in that upstream's own terms (api-formats §13.1–§13.3).
 * Each method edits the body in place; it runs after any format conversion, on the body that goes upstream.
 */
public final class ReasoningControls {

    /** Claude's smallest thinking budget; {@code budget_tokens} must also stay below {@code max_tokens}. */
    static final int CLAUDE_MIN_BUDGET = 1024;
    /** new-api's rule for {@code -thinking}: max_tokens at least 1280, budget 80 % of it. */
    static final int CLAUDE_THINKING_MIN_MAX_TOKENS = 1280;
    static final int CLAUDE_DEFAULT_MAX_TOKENS = 8192;

    private ReasoningControls() {
    }

    /**
     * OpenAI Chat (OpenAI, Azure, DeepSeek, compatible servers): {@code reasoning_effort}; for the o-series and gpt-5,
     * {@code max_tokens} becomes {@code max_completion_tokens} and {@code temperature} goes (they reject both), and a
     * leading system message becomes a developer message (except o1-mini and o1-preview, which know neither).
     */
    public static void openAiChat(ObjectNode body, String upstreamModel, ReasoningRequest reasoning) {
        if (reasoning.effort() == null) {
            return;
        }
        body.put("reasoning_effort", reasoning.effort());
        if (upstreamModel.matches("^(o\\d|gpt-5).*")) {
            JsonNode max = body.remove("max_tokens");
            if (max != null && !body.has("max_completion_tokens")) {
                body.set("max_completion_tokens", max);
            }
            if (!upstreamModel.startsWith("gpt-5-chat")) {
                body.remove("temperature");
            }
            JsonNode first = body.path("messages").path(0);
            if (first instanceof ObjectNode message && "system".equals(message.path("role").asString(""))
                    && !upstreamModel.startsWith("o1-mini") && !upstreamModel.startsWith("o1-preview")) {
                message.put("role", "developer");
            }
        }
    }

    /** OpenAI Responses: {@code reasoning.effort}. */
    public static void responses(ObjectNode body, ReasoningRequest reasoning) {
        if (reasoning.effort() != null) {
            ObjectNode settings = body.path("reasoning") instanceof ObjectNode existing ? existing
                    : body.putObject("reasoning");
            settings.put("effort", reasoning.effort());
        }
    }

    /**
     * Claude Messages. Models up to 4.5 take {@code thinking: enabled} with a budget; 4.6 prefers adaptive thinking
     * with an effort; 4.7, Mythos and Claude 5 accept only adaptive. Thinking also forbids a non-default temperature,
     * top_k, and top_p below 0.95, so those go.
     */
    public static void claude(ObjectNode body, String upstreamModel, ReasoningRequest reasoning) {
        String effort = reasoning.effort();
        if ("none".equals(effort)) {
            return;
        }
        if (!reasoning.thinking() && effort == null) {
            return;
        }
        String claudeEffort = effort == null ? null : switch (effort) {
            case "minimal" -> "low";
            default -> effort;
        };
        switch (generation(upstreamModel)) {
            case ADAPTIVE_ONLY, ADAPTIVE_PREFERRED -> {
                body.putObject("thinking").put("type", "adaptive").put("display", "summarized");
                if (claudeEffort != null) {
                    ObjectNode output = body.path("output_config") instanceof ObjectNode existing ? existing
                            : body.putObject("output_config");
                    output.put("effort", claudeEffort);
                }
            }
            case BUDGET -> {
                if (body.path("thinking").isObject() && effort == null) {
                    break; // the client chose its own thinking; -thinking only strips the suffix
                }
                long maxTokens = body.path("max_tokens").asLong(CLAUDE_DEFAULT_MAX_TOKENS);
                long budget;
                if (effort == null) {
                    maxTokens = Math.max(maxTokens, CLAUDE_THINKING_MIN_MAX_TOKENS);
                    budget = maxTokens * 8 / 10;
                } else {
                    budget = switch (effort) {
                        case "minimal", "low" -> 1280;
                        case "medium" -> 2048;
                        case "high" -> 4096;
                        default -> 8192; // xhigh, max
                    };
                }
                budget = Math.max(CLAUDE_MIN_BUDGET, budget);
                if (maxTokens <= budget) {
                    maxTokens = budget + CLAUDE_MIN_BUDGET; // room for the answer after the thinking
                }
                body.put("max_tokens", maxTokens);
                body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
            }
        }
        body.remove("temperature");
        body.remove("top_k");
        if (body.path("top_p").asDouble(1.0) < 0.95) {
            body.remove("top_p");
        }
    }

    /**
     * Gemini {@code generationConfig.thinkingConfig}: a budget on 2.5 (clamped to the model's range; Pro cannot turn
     * thinking off), a level on 3+ (never both: Gemini 3 rejects that).
     */
    public static void gemini(ObjectNode body, String upstreamModel, ReasoningRequest reasoning) {
        ObjectNode config = body.path("generationConfig") instanceof ObjectNode existing ? existing
                : body.path("generation_config") instanceof ObjectNode snake ? snake
                : body.putObject("generationConfig");
        boolean pro = upstreamModel.contains("-pro");
        boolean gemini3 = upstreamModel.matches("^gemini-[3-9].*");
        if (reasoning.noThinking()) {
            if (!pro && !gemini3) {
                config.putObject("thinkingConfig").put("thinkingBudget", 0);
            }
            return;
        }
        ObjectNode thinking = config.putObject("thinkingConfig");
        if (reasoning.thinkingBudget() != null) {
            thinking.put("includeThoughts", true).put("thinkingBudget", clampBudget(upstreamModel,
                    reasoning.thinkingBudget()));
            return;
        }
        String effort = reasoning.effort();
        if (gemini3) {
            thinking.put("includeThoughts", true).put("thinkingLevel", level(effort, pro));
            return;
        }
        if (effort == null) {
            // -thinking: 60 % of the output limit when one is set (new-api), else let the model decide (-1).
            long maxOutput = config.path("maxOutputTokens").asLong(config.path("max_output_tokens").asLong(0));
            thinking.put("includeThoughts", true).put("thinkingBudget",
                    maxOutput > 0 ? clampBudget(upstreamModel, (int) (maxOutput * 6 / 10)) : -1);
            return;
        }
        int budget = switch (effort) {
            case "none" -> pro ? 128 : 0;
            case "minimal" -> 128;
            case "low" -> 1024;
            case "medium" -> 2048;
            case "high" -> 4096;
            default -> 24576;
        };
        thinking.put("includeThoughts", budget > 0).put("thinkingBudget", clampBudget(upstreamModel, budget));
    }

    private static String level(@Nullable String effort, boolean pro) {
        if (effort == null) {
            return "high";
        }
        return switch (effort) {
            case "none", "minimal" -> pro ? "low" : "minimal";
            case "low" -> "low";
            case "medium" -> pro ? "high" : "medium";
            default -> "high";
        };
    }

    /** Gemini 2.5 ranges (new-api): Pro 128–32768, Flash-Lite 512–24576 (or 0), Flash 0–24576. */
    static int clampBudget(String model, int budget) {
        if (model.contains("-pro")) {
            return Math.clamp(budget, 128, 32768);
        }
        if (model.contains("flash-lite")) {
            return budget == 0 ? 0 : Math.clamp(budget, 512, 24576);
        }
        return Math.clamp(budget, 0, 24576);
    }

    enum ClaudeGeneration { BUDGET, ADAPTIVE_PREFERRED, ADAPTIVE_ONLY }

    static ClaudeGeneration generation(String model) {
        if (model.contains("opus-4-7") || model.contains("mythos") || model.matches("^claude-(\\w+-)?5.*")) {
            return ClaudeGeneration.ADAPTIVE_ONLY;
        }
        if (model.contains("-4-6")) {
            return ClaudeGeneration.ADAPTIVE_PREFERRED;
        }
        return ClaudeGeneration.BUDGET;
    }
}
