package io.llm402.console.pages;

import io.llm402.console.support.ReadModel;
import io.llm402.console.support.Viewer;
import io.llm402.console.support.Viewers;
import io.llm402.projections.access.api.ApiTokenPage;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.ListApiTokensQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.TokenSpendingView;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The viewer's API keys: name, hint, group, models, limit and what was spent, expiry, status. A new key is created
 * by the page's script through {@code POST /api/token/} and shown once, with a copy button; LLM402 keeps only its
 * digest, so it cannot be shown again.
 */
@Controller
class KeysPage {

    static final int PAGE_SIZE = 20;

    private final Viewers viewers;
    private final ReadModel readModel;

    KeysPage(Viewers viewers, ReadModel readModel) {
        this.viewers = viewers;
        this.readModel = readModel;
    }

    /** One key as the page lists it. */
    record KeyRow(ApiTokenView token, long spentNanoUsd, long requests, String status) {
    }

    @GetMapping("/console/keys")
    String keys(@RequestParam(defaultValue = "") String keyword, @RequestParam(defaultValue = "0") int page,
                Model model) {
        Viewer viewer = viewers.required();
        int current = Math.max(0, page);
        ApiTokenPage tokens = readModel.one(new ListApiTokensQuery(viewer.userId(), keyword.trim(),
                current * PAGE_SIZE, PAGE_SIZE), ApiTokenPage.class);
        Instant now = Instant.now();
        List<KeyRow> rows = tokens.items().stream().map(token -> {
            TokenSpendingView spent = readModel.one(new FindTokenSpendingQuery(token.tokenId()),
                    TokenSpendingView.class);
            return new KeyRow(token, spent.spentNanoUsd(), spent.requests(), status(token, spent.spentNanoUsd(), now));
        }).toList();
        model.addAttribute("keys", rows);
        model.addAttribute("keyword", keyword);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < tokens.total());
        return "console/keys";
    }

    /** new-api's key states, by name: enabled, disabled, expired, exhausted. */
    static String status(ApiTokenView token, long spentNanoUsd, Instant now) {
        if (token.disabled()) {
            return "disabled";
        }
        @Nullable Instant expires = token.expiresAt();
        if (expires != null && !expires.isAfter(now)) {
            return "expired";
        }
        @Nullable Long limit = token.limitNanoUsd();
        if (limit != null && spentNanoUsd >= limit) {
            return "exhausted";
        }
        return "enabled";
    }
}
