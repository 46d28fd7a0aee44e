package io.llm402.gateway.openai;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.metering.UsageNormaliser;
import io.llm402.gateway.relay.ApiCall;
import io.llm402.gateway.relay.ClientApi;
import io.llm402.gateway.relay.Operation;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.JsonBodies;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings} (api-formats §7). OpenAI and Azure encode base64 themselves; for any other upstream the
 * gateway asks for floats and encodes them, because the official Node SDK asks for base64 by default.
 */
final class EmbeddingsApi implements ClientApi {

    private final TokenEstimator estimator;

    EmbeddingsApi(TokenEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public Operation operation() {
        return Operation.EMBEDDINGS;
    }

    @Override
    public ApiCall parse(byte[] raw, HttpServletRequest request, @Nullable String pathModel)
            throws BadRequestException {
        ObjectNode body = JsonBodies.object(raw);
        String model = JsonBodies.requiredString(body, "model", "An embedding request");
        JsonNode input = body.path("input");
        if (!(input.isString() || input.isArray()) || (input.isArray() && input.isEmpty())) {
            throw new BadRequestException("An embedding request needs 'input' (a string or a non-empty array).",
                    "invalid_request");
        }
        JsonNode format = body.path("encoding_format");
        if (!format.isMissingNode() && !format.isNull()
                && !(format.isString() && (format.asString().equals("float") || format.asString().equals("base64")))) {
            throw new BadRequestException("'encoding_format' must be 'float' or 'base64'.", "invalid_request");
        }
        return new ApiCall(operation(), model, false, body, raw, () -> estimator.countJsonPrompt(input), 0, 1,
                Map.of());
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) {
        boolean encodeHere = encodesBase64Here(call, type);
        byte[] body = call.upstreamBody(upstreamModel, encodeHere, copy -> copy.remove("encoding_format"));
        if (type == ChannelType.JINA) {
            return Providers.bearer(channel, "/v1/embeddings", upstreamKey, body);
        }
        return Providers.openAi(channel, type, "/embeddings", upstreamModel, upstreamKey, body);
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return UsageNormaliser.openAiChat(answer.get("usage"));
    }

    @Override
    public String outputText(JsonNode answer, ChannelType type) {
        return "";
    }

    @Override
    public byte[] clientBody(ApiCall call, ChannelView channel, ChannelType type, byte[] answerBytes,
                             JsonNode answer) {
        if (!encodesBase64Here(call, type) || !(answer instanceof ObjectNode object)) {
            return answerBytes;
        }
        ObjectNode copy = object.deepCopy();
        for (JsonNode item : copy.path("data")) {
            JsonNode vector = item.path("embedding");
            if (item instanceof ObjectNode entry && vector.isArray()) {
                entry.put("embedding", base64(vector));
            }
        }
        return Json.MAPPER.writeValueAsBytes(copy);
    }

    /** Float32 little-endian bytes, base64-encoded: what OpenAI returns for {@code encoding_format: base64}. */
    static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : vector) {
            bytes.putFloat((float) value.asDouble());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static boolean encodesBase64Here(ApiCall call, ChannelType type) {
        return type != ChannelType.OPENAI && type != ChannelType.AZURE
                && call.body().path("encoding_format").asString("").equals("base64");
    }
}
