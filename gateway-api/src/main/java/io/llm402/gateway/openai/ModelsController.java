package io.llm402.gateway.openai;

import io.llm402.gateway.access.ApiKeys;
import io.llm402.gateway.access.TokenDirectory;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.catalog.api.ChannelView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: the models the caller's key may use, in OpenAI's list shape. */
@RestController
class ModelsController {

    private final TokenDirectory tokens;
    private final Catalog catalog;

    ModelsController(TokenDirectory tokens, Catalog catalog) {
        this.tokens = tokens;
        this.catalog = catalog;
    }

    @GetMapping("/v1/models")
    void models(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = ApiKeys.bearer(request);
        Optional<ApiTokenView> token = key == null ? Optional.empty()
                : tokens.find(key).filter(t -> !t.disabled() && !t.ownerDisabled());
        if (token.isEmpty()) {
            OpenAiErrors.write(response, 401, "Incorrect API key provided.", "invalid_request_error",
                    "invalid_api_key");
            return;
        }
        String group = token.get().effectiveGroup();
        TreeSet<String> models = new TreeSet<>();
        for (ChannelView channel : catalog.snapshot().channels()) {
            if (channel.groups().contains(group)) {
                models.addAll(channel.models());
            }
        }
        if (!token.get().models().isEmpty()) {
            models.retainAll(token.get().models());
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (String model : models) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", model);
            entry.put("object", "model");
            entry.put("created", 0);
            entry.put("owned_by", "llm402");
            data.add(entry);
        }
        byte[] body = OpenAiErrors.JSON.writeValueAsBytes(Map.of("object", "list", "data", data));
        response.setContentType("application/json");
        response.getOutputStream().write(body);
    }
}
