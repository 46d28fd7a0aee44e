package io.llm402.gateway.relay;

import io.llm402.gateway.reasoning.ReasoningRequest;
import io.llm402.gateway.wire.Json;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client request, read once: what routing, reservation and the upstream call need.
 *
 * @param model           the model as the client named it (shown on the receipt)
 * @param body            the parsed JSON body (its model may be replaced per channel; the original is not mutated)
 * @param rawBody         the bytes as received, sent on unchanged when nothing about them needs to change
 * @param prompt          local token count of the input, for the reservation and for estimated usage; counted on first
 *                        use, after the cheap checks (key, model, allow-list, price) have passed
 * @param maxOutputTokens the most output the call can produce (0 for embeddings and rerank)
 * @param maxUnits        the most billable units (rerank search units) the call can cost; 1 otherwise
 * @param askedOutput     the output limit per answer the client set, checked against the model's own limit
 * @param passed          headers or query parameters an API read from the client's request to use upstream (for
 *                        example {@code anthropic-beta}); the request itself is not kept
 * @param routedModel     the model channels are chosen for: {@code model} without a reasoning suffix
 * @param reasoning       what the suffix asked for, applied to the upstream body; {@code null} when none
 */
public record ApiCall(Operation operation, String model, boolean stream, ObjectNode body, byte[] rawBody,
                      PromptEstimate prompt, long maxOutputTokens, long maxUnits, AskedOutput askedOutput,
                      Map<String, String> passed, String routedModel, @Nullable ReasoningRequest reasoning) {

    public ApiCall(Operation operation, String model, boolean stream, ObjectNode body, byte[] rawBody,
                   LongSupplier promptEstimate, long maxOutputTokens, long maxUnits, Map<String, String> passed) {
        this(operation, model, stream, body, rawBody, promptEstimate, maxOutputTokens, maxUnits, AskedOutput.NONE,
                passed);
    }

    public ApiCall(Operation operation, String model, boolean stream, ObjectNode body, byte[] rawBody,
                   LongSupplier promptEstimate, long maxOutputTokens, long maxUnits, AskedOutput askedOutput,
                   Map<String, String> passed) {
        this(operation, model, stream, body, rawBody, new PromptEstimate(promptEstimate), maxOutputTokens, maxUnits,
                askedOutput, passed, model, null);
    }

    /**
     * An output limit the client set on each answer, and the field it was set in (named in the error when it is too
     * large for the model).
     */
    public record AskedOutput(String field, long perAnswer) {
        /** The client set no limit: the gateway's default reservation applies. */
        public static final AskedOutput NONE = new AskedOutput("", 0);

        /** {@code perAnswer} from {@code field}, or {@link #NONE} when it is 0 (not set). */
        public static AskedOutput of(String field, long perAnswer) {
            return perAnswer > 0 ? new AskedOutput(field, perAnswer) : NONE;
        }
    }

    /** The prompt's estimated tokens (counted once, on the first call). */
    public long promptEstimate() {
        return prompt.tokens();
    }

    ApiCall routedTo(String routed, @Nullable ReasoningRequest suffixReasoning) {
        return new ApiCall(operation, model, stream, body, rawBody, prompt, maxOutputTokens, maxUnits, askedOutput,
                passed, routed, suffixReasoning);
    }

    /**
     * The upstream body: the client's bytes as they are when the model name stays and nothing else must change,
     * otherwise a copy with {@code model} replaced (when the field is present) and {@code edit} applied.
     */
    public byte[] upstreamBody(String upstreamModel, boolean needsEdit, Consumer<ObjectNode> edit) {
        boolean renamed = !upstreamModel.equals(model) && body.has("model");
        if (!renamed && !needsEdit) {
            return rawBody;
        }
        ObjectNode copy = body.deepCopy();
        if (renamed) {
            copy.put("model", upstreamModel);
        }
        if (needsEdit) {
            edit.accept(copy);
        }
        return Json.MAPPER.writeValueAsBytes(copy);
    }

    /** A token count made at most once, when first needed. Used by the request's own thread only. */
    public static final class PromptEstimate {
        private @Nullable LongSupplier count;
        private long tokens;

        PromptEstimate(LongSupplier count) {
            this.count = count;
        }

        long tokens() {
            LongSupplier pending = count;
            if (pending != null) {
                tokens = pending.getAsLong();
                count = null;
            }
            return tokens;
        }
    }
}
