package io.llm402.ops.simulator;

import static io.llm402.ops.simulator.Call.JSON;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rerank: Cohere v2 ({@code /v2/rerank}), Cohere v1 ({@code /v1/rerank}) and, with {@code flavor=jina}, Jina's
 * {@code /v1/rerank}. The relevance score is the share of the query's words found in the document.
 */
final class RerankWire {

    private RerankWire() {
    }

    static void rerank(Call call, boolean v2) throws IOException {
        JsonNode request = call.requestJson();
        if (request == null) {
            return;
        }
        boolean jina = call.dialect() == Dialect.JINA;
        JsonNode query = request.path("query");
        JsonNode documents = request.path("documents");
        if (!query.isString()) {
            call.fail(400, "query is required and must be a string");
            return;
        }
        if (!documents.isArray() || documents.isEmpty()) {
            call.fail(400, "documents is required and must be a non-empty array");
            return;
        }
        if (v2 && !request.path("model").isString()) {
            call.fail(400, "model is required");
            return;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode document : documents.values()) {
            if (document.isString()) {
                texts.add(document.asString());
            } else if (!v2 && document.path("text").isString()) { // v1 and Jina also take {"text": ...}
                texts.add(document.path("text").asString());
            } else {
                call.fail(400, v2 ? "documents must be strings" : "each document must be a string or have text");
                return;
            }
        }
        double[] scores = new double[texts.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = relevance(query.asString(), texts.get(i));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        JsonNode topN = request.path("top_n");
        if (topN.isIntegralNumber() && topN.asInt() > 0 && topN.asInt() < order.size()) {
            order = order.subList(0, topN.asInt());
        }
        JsonNode returnDocuments = request.path("return_documents");
        // Jina returns documents unless told not to; Cohere v1 only when asked; v2 never echoes them
        boolean withDocuments = jina ? !(returnDocuments.isBoolean() && !returnDocuments.booleanValue())
                : !v2 && Call.flag(returnDocuments);
        ObjectNode response = JSON.createObjectNode();
        if (jina) {
            response.put("model", Call.text(request.path("model"), "sim-reranker"));
            if (!call.behaviour().noUsage()) {
                int tokens = call.behaviour().tokens(Fake.estimateTextTokens(query, documents), false).prompt();
                response.putObject("usage").put("total_tokens", tokens);
            }
        } else {
            response.put("id", call.id("rerank-sim-"));
        }
        ArrayNode results = response.putArray("results");
        for (int index : order) {
            ObjectNode result = results.addObject().put("index", index).put("relevance_score", scores[index]);
            if (withDocuments) {
                result.putObject("document").put("text", texts.get(index));
            }
        }
        if (!jina) {
            ObjectNode meta = response.putObject("meta");
            meta.putObject("api_version").put("version", v2 ? "2" : "1");
            if (!call.behaviour().noUsage()) {
                meta.putObject("billed_units").put("search_units", call.behaviour().units());
            }
        }
        call.sendJson(200, response);
    }

    /** The share of the query's distinct words that occur in the document: 0..1, deterministic. */
    static double relevance(String query, String document) {
        Set<String> queryWords = words(query);
        if (queryWords.isEmpty()) {
            return 0;
        }
        Set<String> documentWords = words(document);
        long hits = queryWords.stream().filter(documentWords::contains).count();
        return (double) hits / queryWords.size();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toSet());
    }
}
