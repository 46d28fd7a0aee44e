package io.llm402.gateway.rerank;

import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.gateway.metering.TokenEstimator;
import io.llm402.gateway.metering.UsageNormaliser;
import io.llm402.gateway.relay.ApiCall;
import io.llm402.gateway.relay.ClientApi;
import io.llm402.gateway.relay.Operation;
import io.llm402.gateway.relay.RelayEngine;
import io.llm402.gateway.upstream.Providers;
import io.llm402.gateway.upstream.UpstreamRequest;
import io.llm402.gateway.wire.BadRequestException;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.JsonBodies;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rerank (api-formats §8). A Cohere channel is always called on {@code /v2/rerank} (documents as strings); a Jina
 * channel on {@code /v1/rerank}. {@code /v1/rerank} answers in the union shape of TV-13 (documents re-attached from
 * the request when asked for); {@code /v2/rerank} answers exactly in Cohere v2's shape.
 */
final class RerankApi implements ClientApi {

    /** Cohere bills one search unit per query over up to 100 documents. */
    private static final int DOCUMENTS_PER_SEARCH_UNIT = 100;
    /** Cohere's limit of documents per request, hence the largest meaningful {@code top_n}. */
    private static final long MAX_DOCUMENTS = 1_000;

    private final boolean v2;
    private final TokenEstimator estimator;

    RerankApi(boolean v2, TokenEstimator estimator) {
        this.v2 = v2;
        this.estimator = estimator;
    }

    @Override
    public Operation operation() {
        return v2 ? Operation.RERANK_V2 : Operation.RERANK_V1;
    }

    @Override
    public ApiCall parse(byte[] raw, HttpServletRequest request, @Nullable String pathModel)
            throws BadRequestException {
        ObjectNode body = JsonBodies.object(raw);
        String model = JsonBodies.requiredString(body, "model", "A rerank request");
        JsonNode documents = body.path("documents");
        if (!body.path("query").isString() || !documents.isArray() || documents.isEmpty()) {
            throw new BadRequestException("A rerank request needs 'query' (string) and 'documents' (non-empty array).",
                    "invalid_request");
        }
        for (JsonNode document : documents) {
            if (!(document.isString() || (!v2 && document.path("text").isString()))) {
                throw new BadRequestException(v2 ? "'documents' must be strings."
                        : "'documents' must be strings or objects with 'text'.", "invalid_request");
            }
        }
        // Cohere takes at most 1,000 documents; a larger top_n means "all" and is refused upstream, so here.
        JsonBodies.count(body.path("top_n"), "top_n", MAX_DOCUMENTS);
        JsonBodies.count(body.path("max_tokens_per_doc"), "max_tokens_per_doc", JsonBodies.MAX_OUTPUT_TOKENS);
        long units = (documents.size() + DOCUMENTS_PER_SEARCH_UNIT - 1) / DOCUMENTS_PER_SEARCH_UNIT;
        LongSupplier prompt = () -> estimator.countJsonPrompt(body.path("query"), documents);
        return new ApiCall(operation(), model, false, body, raw, prompt, 0, units, Map.of());
    }

    @Override
    public UpstreamRequest upstreamRequest(ApiCall call, ChannelView channel, ChannelType type, String upstreamModel,
                                           String upstreamKey) {
        if (type == ChannelType.JINA) {
            return Providers.bearer(channel, "/v1/rerank", upstreamKey,
                    call.upstreamBody(upstreamModel, false, copy -> { }));
        }
        ObjectNode cohere = Json.MAPPER.createObjectNode();
        cohere.put("model", upstreamModel);
        cohere.set("query", call.body().path("query"));
        ArrayNode documents = cohere.putArray("documents");
        for (JsonNode document : call.body().path("documents")) {
            documents.add(text(document));
        }
        for (String field : new String[] {"top_n", "max_tokens_per_doc"}) {
            if (call.body().has(field)) {
                cohere.set(field, call.body().get(field));
            }
        }
        return Providers.bearer(channel, "/v2/rerank", upstreamKey, Json.MAPPER.writeValueAsBytes(cohere));
    }

    @Override
    public @Nullable CanonicalUsage usage(JsonNode answer, ChannelType type) {
        return UsageNormaliser.rerank(answer);
    }

    @Override
    public String outputText(JsonNode answer, ChannelType type) {
        return "";
    }

    @Override
    public byte[] clientBody(ApiCall call, ChannelView channel, ChannelType type, byte[] answerBytes,
                             JsonNode answer) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (answer.has("id")) {
            out.set("id", answer.get("id"));
        }
        if (!v2) {
            out.put("model", call.model());
        }
        boolean attach = !v2 && call.body().path("return_documents").asBoolean(false);
        JsonNode documents = call.body().path("documents");
        ArrayNode results = out.putArray("results");
        for (JsonNode result : answer.path("results")) {
            ObjectNode entry = results.addObject();
            entry.set("index", result.path("index"));
            entry.set("relevance_score", result.path("relevance_score"));
            if (attach) {
                entry.putObject("document").put("text", text(documents.path(result.path("index").asInt(-1))));
            }
        }
        JsonNode usage = answer.path("usage");
        if (!v2 && usage.isObject()) {
            long tokens = usage.path("total_tokens").asLong(usage.path("prompt_tokens").asLong(0));
            out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        }
        JsonNode billed = answer.path("meta").path("billed_units");
        ObjectNode meta = Json.MAPPER.createObjectNode();
        if (v2) {
            meta.putObject("api_version").put("version", "2");
        }
        if (billed.isObject()) {
            meta.set("billed_units", billed);
        }
        if (!meta.isEmpty()) {
            out.set("meta", meta);
        }
        return Json.MAPPER.writeValueAsBytes(out);
    }

    private static String text(JsonNode document) {
        return document.isString() ? document.asString() : document.path("text").asString("");
    }
}
