package io.llm402.gateway.models;

import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.relay.RelayEngine;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.Json;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The models a caller's key may use, listed and retrieved in the caller's format (api-formats §1.3): OpenAI's list on
 * {@code /v1/models}, Claude's when the request carries {@code anthropic-version} or {@code x-api-key}, and Gemini's
 * on {@code /v1beta/models}.
 */
@RestController
class ModelsController {
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private final RelayEngine relay;
    private final Catalog catalog;

    ModelsController(RelayEngine relay, Catalog catalog) {
        this.relay = relay;
        this.catalog = catalog;
    }

    @GetMapping("/v1/models")
    void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WireFormat format = claudeClient(request) ? WireFormat.CLAUDE : WireFormat.OPENAI;
        ApiTokenView token = relay.authenticate(format, request, response);
        if (token == null) {
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (String model : visibleModels(token)) {
            data.add(format == WireFormat.CLAUDE ? claudeModel(model) : openAiModel(model));
        }
        if (format == WireFormat.CLAUDE) {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("data", data);
            page.put("has_more", false);
            page.put("first_id", data.isEmpty() ? null : data.getFirst().get("id"));
            page.put("last_id", data.isEmpty() ? null : data.getLast().get("id"));
            write(response, page);
        } else {
            write(response, Map.of("object", "list", "data", data));
        }
    }

    @GetMapping("/v1/models/{model}")
    void retrieve(@PathVariable String model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        WireFormat format = claudeClient(request) ? WireFormat.CLAUDE : WireFormat.OPENAI;
        ApiTokenView token = relay.authenticate(format, request, response);
        if (token == null) {
            return;
        }
        if (!visibleModels(token).contains(model)) {
            ClientErrors.write(response, format, Failure.NOT_FOUND, "The model '" + model
                    + "' does not exist or you do not have access to it.", "model_not_found");
            return;
        }
        write(response, format == WireFormat.CLAUDE ? claudeModel(model) : openAiModel(model));
    }

    @GetMapping({"/v1beta/models", "/v1beta/models/{model}"})
    void gemini(@PathVariable(required = false) String model, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        ApiTokenView token = relay.authenticate(WireFormat.GEMINI, request, response);
        if (token == null) {
            return;
        }
        TreeSet<String> visible = visibleModels(token);
        if (model != null) {
            String name = model.startsWith("models/") ? model.substring(7) : model;
            if (!visible.contains(name)) {
                ClientErrors.write(response, WireFormat.GEMINI, Failure.NOT_FOUND, "models/" + name
                        + " is not found or you do not have access to it.", null);
                return;
            }
            write(response, geminiModel(name));
            return;
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (String name : visible) {
            models.add(geminiModel(name));
        }
        write(response, Map.of("models", models));
    }

    private TreeSet<String> visibleModels(ApiTokenView token) {
        String group = token.effectiveGroup();
        TreeSet<String> models = new TreeSet<>();
        for (ChannelView channel : catalog.snapshot().channels()) {
            if (channel.groups().contains(group)) {
                models.addAll(channel.models());
            }
        }
        if (!token.models().isEmpty()) {
            models.retainAll(token.models());
        }
        return models;
    }

    private static boolean claudeClient(HttpServletRequest request) {
        return request.getHeader("anthropic-version") != null || request.getHeader("x-api-key") != null;
    }

    private static Map<String, Object> openAiModel(String model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", model);
        entry.put("object", "model");
        entry.put("created", 0);
        entry.put("owned_by", "llm402");
        return entry;
    }

    private static Map<String, Object> claudeModel(String model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "model");
        entry.put("id", model);
        entry.put("display_name", model);
        entry.put("created_at", EPOCH);
        return entry;
    }

    private static Map<String, Object> geminiModel(String model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "models/" + model);
        entry.put("displayName", model);
        entry.put("supportedGenerationMethods", List.of("generateContent", "streamGenerateContent", "countTokens",
                "embedContent", "batchEmbedContents"));
        return entry;
    }

    private static void write(HttpServletResponse response, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
