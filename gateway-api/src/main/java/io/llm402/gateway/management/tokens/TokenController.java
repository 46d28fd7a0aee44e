package io.llm402.gateway.management.tokens;

import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.CreateApiTokenCommand;
import io.llm402.domain.access.api.DeleteApiTokenCommand;
import io.llm402.domain.access.api.EditApiTokenCommand;
import io.llm402.domain.access.api.SetApiTokenStatusCommand;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.Paging;
import io.llm402.gateway.management.QuotaUnits;
import io.llm402.gateway.management.RandomSecrets;
import io.llm402.projections.access.api.ApiTokenPage;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByDigestQuery;
import io.llm402.projections.access.api.ListApiTokensQuery;
import io.llm402.projections.requests.api.FindTokenSpendingQuery;
import io.llm402.projections.requests.api.TokenSpendingView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * new-api's {@code /api/token/}: a user's own API keys. A key is shown once, in the answer that created it; after
 * that only its digest exists (lists show a hint), so {@code POST /api/token/{id}/key} cannot reveal it.
 */
@RestController
class TokenController {

    private static final int MAX_NAME_LENGTH = 30;

    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final SecretBox secretBox;

    TokenController(AccessReadModel readModel, ManagementCommands commands, SecretBox secretBox) {
        this.readModel = readModel;
        this.commands = commands;
        this.secretBox = secretBox;
    }

    @GetMapping("/api/token/")
    Envelope<Paging.PageOf<TokenJson>> list(HttpServletRequest request) {
        return search("", request);
    }

    @GetMapping("/api/token/search")
    Envelope<Paging.PageOf<TokenJson>> search(@RequestParam(defaultValue = "") String keyword,
                                              HttpServletRequest request) {
        Caller caller = Caller.current();
        Paging paging = Paging.of(request);
        ApiTokenPage page = readModel.query(new ListApiTokensQuery(caller.userId(), keyword.trim(), paging.offset(),
                paging.pageSize()), ApiTokenPage.class);
        return Envelope.ok(paging.of(page.items().stream().map(t -> json(t, caller, t.keyHint())).toList(),
                page.total()));
    }

    @GetMapping("/api/token/{id}")
    Envelope<TokenJson> get(@PathVariable long id) {
        Caller caller = Caller.current();
        ApiTokenView token = own(id, caller);
        return Envelope.ok(json(token, caller, token.keyHint()));
    }

    record TokenRequest(@Nullable Long id, @Nullable String name, @Nullable Long expiredTime,
                        @Nullable Long remainQuota, @Nullable Boolean unlimitedQuota,
                        @Nullable Boolean modelLimitsEnabled, @Nullable String modelLimits,
                        @Nullable String allowIps, @Nullable String group, @Nullable Integer status) {
    }

    /** Creates a key and answers it whole, this once. */
    @PostMapping("/api/token/")
    Envelope<TokenJson> create(@RequestBody TokenRequest body) {
        Caller caller = Caller.current();
        ApiTokenTerms terms = terms(body, 0);
        String key = newKey();
        String digest = secretBox.tokenDigest(key);
        commands.send(new CreateApiTokenCommand(UUID.randomUUID().toString(), terms, digest,
                SecretBox.hint(key), caller.actor()), caller);
        ApiTokenView token = readModel.await(() -> readModel.queryOptional(new FindApiTokenByDigestQuery(digest),
                ApiTokenView.class), t -> true).orElseThrow(() -> new IllegalStateException("token not projected"));
        return Envelope.ok(json(token, caller, key));
    }

    /** Edits a key's terms, or with {@code status_only} only enables or disables it. */
    @PutMapping("/api/token/")
    Envelope<TokenJson> edit(@RequestBody TokenRequest body,
                             @RequestParam(name = "status_only", required = false) @Nullable String statusOnly) {
        Caller caller = Caller.current();
        if (body.id() == null) {
            throw ManagementException.badRequest("id is required");
        }
        ApiTokenView token = own(body.id(), caller);
        if (statusOnly != null && !statusOnly.isEmpty() && !statusOnly.equals("false")) {
            if (body.status() == null || (body.status() != 1 && body.status() != 2)) {
                throw ManagementException.badRequest("status must be 1 (enabled) or 2 (disabled)");
            }
            boolean enable = body.status() == 1;
            TokenJson current = json(token, caller, token.keyHint());
            if (enable && (current.status() == 3 || current.status() == 4)) {
                throw ManagementException.badRequest(current.status() == 3
                        ? "the key has expired: extend its expiry first" : "the key's quota is used up: raise it first");
            }
            commands.send(new SetApiTokenStatusCommand(token.tokenId(), enable), caller);
            ApiTokenView changed = awaitToken(token, t -> t.disabled() != enable);
            return Envelope.ok(json(changed, caller, changed.keyHint()));
        }
        long spent = spent(token);
        ApiTokenTerms terms = terms(body, spent);
        commands.send(new EditApiTokenCommand(token.tokenId(), terms, caller.actor()), caller);
        ApiTokenView changed = awaitToken(token, t -> terms.equals(new ApiTokenTerms(t.name(), t.group(), t.models(),
                t.limitNanoUsd(), t.expiresAt(), t.allowIps())));
        return Envelope.ok(json(changed, caller, changed.keyHint()));
    }

    @DeleteMapping("/api/token/{id}")
    Envelope<Void> delete(@PathVariable long id) {
        Caller caller = Caller.current();
        ApiTokenView token = own(id, caller);
        commands.send(new DeleteApiTokenCommand(token.tokenId(), caller.actor()), caller);
        return Envelope.ok();
    }

    record BatchRequest(@Nullable List<Long> ids) {
    }

    /** Deletes several keys: all of them, or none when one is not the caller's. Answers how many. */
    @PostMapping("/api/token/batch")
    Envelope<Integer> deleteBatch(@RequestBody BatchRequest body) {
        Caller caller = Caller.current();
        if (body.ids() == null || body.ids().isEmpty() || body.ids().size() > 100) {
            throw ManagementException.badRequest("ids must list 1 to 100 token ids");
        }
        List<ApiTokenView> tokens = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(body.ids())) {
            if (id == null) {
                throw ManagementException.badRequest("ids must be numbers");
            }
            tokens.add(own(id, caller));
        }
        tokens.forEach(t -> commands.send(new DeleteApiTokenCommand(t.tokenId(), caller.actor()), caller));
        return Envelope.ok(tokens.size());
    }

    @PostMapping("/api/token/{id}/key")
    Envelope<Void> reveal(@PathVariable long id) {
        own(id, Caller.current());
        throw new ManagementException(HttpStatus.GONE, "keys are shown once, when created; LLM402 keeps only a "
                + "digest. Create a new key if this one is lost.", "KEY_NOT_RETRIEVABLE");
    }

    private ApiTokenView own(long id, Caller caller) {
        // Someone else's key answers exactly like a missing one.
        return readModel.tokenByNumber(id).filter(t -> t.userId().equals(caller.userId()))
                .orElseThrow(() -> ManagementException.notFound("no such token"));
    }

    private ApiTokenView awaitToken(ApiTokenView token, Predicate<ApiTokenView> done) {
        return readModel.await(() -> readModel.tokenByNumber(token.number()), done).orElse(token);
    }

    private TokenJson json(ApiTokenView token, Caller caller, String shownKey) {
        return TokenJson.of(token, caller.user().number(), spent(token), shownKey, Instant.now());
    }

    private long spent(ApiTokenView token) {
        return readModel.query(new FindTokenSpendingQuery(token.tokenId()), TokenSpendingView.class).spentNanoUsd();
    }

    /** new-api's token fields as LLM402's terms; {@code remain_quota} is what may still be spent. */
    private static ApiTokenTerms terms(TokenRequest body, long spentNanoUsd) {
        String name = body.name() == null ? "" : body.name().trim();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw ManagementException.badRequest("name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        Instant expiresAt = null;
        if (body.expiredTime() != null && body.expiredTime() != -1) {
            if (body.expiredTime() <= 0 || body.expiredTime() > 253_402_300_799L) {
                throw ManagementException.badRequest("expired_time must be -1 (never) or a Unix time in seconds");
            }
            expiresAt = Instant.ofEpochSecond(body.expiredTime());
        }
        Long limit = null;
        if (!Boolean.TRUE.equals(body.unlimitedQuota())) {
            long remain = body.remainQuota() == null ? 0 : body.remainQuota();
            if (remain < 0) {
                throw ManagementException.badRequest("remain_quota must not be negative");
            }
            try {
                limit = Math.addExact(spentNanoUsd, QuotaUnits.toNanoUsd(remain));
            } catch (ArithmeticException e) {
                throw ManagementException.badRequest("remain_quota is too large");
            }
        }
        List<String> models = Boolean.TRUE.equals(body.modelLimitsEnabled()) ? list(body.modelLimits(), "[,]")
                : List.of();
        if (models.size() > 1000 || models.stream().anyMatch(m -> m.length() > 255)) {
            throw ManagementException.badRequest("model_limits lists at most 1000 model names");
        }
        List<String> allowIps = list(body.allowIps(), "[,\\s]");
        if (allowIps.size() > 100) {
            throw ManagementException.badRequest("allow_ips lists at most 100 addresses");
        }
        for (String address : allowIps) {
            try {
                new IpAddressMatcher(address);
            } catch (IllegalArgumentException e) {
                throw ManagementException.badRequest("allow_ips: '" + (address.length() > 64
                        ? address.substring(0, 64) + "…" : address) + "' is not an IP address or CIDR range");
            }
        }
        String group = body.group() == null || body.group().isBlank() ? null : body.group().trim();
        return new ApiTokenTerms(name, group, models, limit, expiresAt, allowIps);
    }

    private static List<String> list(@Nullable String value, String separators) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(value.split(separators)).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()));
    }

    private static String newKey() {
        return "sk-" + RandomSecrets.of(RandomSecrets.ALPHANUMERIC, 48);
    }
}
