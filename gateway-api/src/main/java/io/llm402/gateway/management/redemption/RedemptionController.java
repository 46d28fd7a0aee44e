package io.llm402.gateway.management.redemption;

import io.llm402.domain.redemption.api.DeleteRedemptionCodeCommand;
import io.llm402.domain.redemption.api.EditRedemptionCodeCommand;
import io.llm402.domain.redemption.api.IssueRedemptionCodeCommand;
import io.llm402.domain.redemption.api.RedeemCodeCommand;
import io.llm402.domain.redemption.api.RedemptionRefusedException;
import io.llm402.domain.redemption.api.RedemptionTerms;
import io.llm402.domain.redemption.api.SetRedemptionCodeStatusCommand;
import io.llm402.domain.shared.NanoUsd;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.Paging;
import io.llm402.gateway.management.QuotaUnits;
import io.llm402.gateway.management.RandomSecrets;
import io.llm402.gateway.management.auth.LoginThrottle;
import io.llm402.projections.redemption.api.FindRedemptionCodeQuery;
import io.llm402.projections.redemption.api.ListInvalidRedemptionCodesQuery;
import io.llm402.projections.redemption.api.RedemptionCodePage;
import io.llm402.projections.redemption.api.RedemptionCodeView;
import io.llm402.projections.redemption.api.SearchRedemptionCodesQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * new-api's redemption codes: admins issue them in batches ({@code /api/redemption/}), a user redeems one into their
 * wallet ({@code POST /api/user/topup}) through a ledger transfer from the redemptions account. A code's key is shown
 * once, in the answer that issued it; lists show a hint.
 */
@RestController
class RedemptionController {


    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final SecretBox secretBox;
    private final LoginThrottle throttle;
    private final QueryGateway queries;

    RedemptionController(AccessReadModel readModel, ManagementCommands commands, SecretBox secretBox,
                         LoginThrottle throttle, QueryGateway queries) {
        this.readModel = readModel;
        this.commands = commands;
        this.secretBox = secretBox;
        this.throttle = throttle;
        this.queries = queries;
    }

    /** new-api's redemption fields; {@code key} is a hint. */
    record RedemptionJson(long id, String name, String key, int status, long quota, String amountUsd,
                          long createdTime, long redeemedTime, long expiredTime, boolean used) {

        static RedemptionJson of(RedemptionCodeView code) {
            return new RedemptionJson(code.number(), code.name(), code.keyHint(), code.status(),
                    QuotaUnits.toQuota(code.amountNanoUsd()), NanoUsd.toUsdString(code.amountNanoUsd()),
                    code.createdAt().getEpochSecond(),
                    code.redeemedAt() == null ? 0 : code.redeemedAt().getEpochSecond(),
                    code.expiresAt() == null ? 0 : code.expiresAt().getEpochSecond(), code.usedUserId() != null);
        }
    }

    @GetMapping("/api/redemption/")
    Envelope<Paging.PageOf<RedemptionJson>> list(HttpServletRequest request) {
        return search("", request);
    }

    @GetMapping("/api/redemption/search")
    Envelope<Paging.PageOf<RedemptionJson>> search(@RequestParam(defaultValue = "") String keyword,
                                                   HttpServletRequest request) {
        Paging paging = Paging.of(request);
        RedemptionCodePage page = readModel.query(new SearchRedemptionCodesQuery(keyword.trim(), paging.offset(),
                paging.pageSize()), RedemptionCodePage.class);
        return Envelope.ok(paging.of(page.items().stream().map(RedemptionJson::of).toList(), page.total()));
    }

    @GetMapping("/api/redemption/{id}")
    Envelope<RedemptionJson> get(@PathVariable long id) {
        return Envelope.ok(RedemptionJson.of(code(id)));
    }

    record IssueRequest(@Nullable String name, @Nullable Long quota, @Nullable Integer count,
                        @Nullable Long expiredTime) {
    }

    /** Issues {@code count} codes (1 to 100) worth {@code quota} each; answers their keys, this once. */
    @PostMapping("/api/redemption/")
    Envelope<List<String>> issue(@RequestBody IssueRequest body) {
        int count = body.count() == null ? 1 : body.count();
        if (count < 1 || count > 100) {
            throw ManagementException.badRequest("count must be 1 to 100");
        }
        RedemptionTerms terms = terms(body.name(), body.quota(), body.expiredTime());
        Caller caller = Caller.current();
        List<String> keys = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = newKey();
            String digest = digest(key);
            commands.send(new IssueRedemptionCodeCommand(UUID.randomUUID().toString(), terms, digest,
                    key.substring(0, 4) + "…" + key.substring(key.length() - 4)), caller);
            keys.add(key);
            digests.add(digest);
        }
        readModel.await(() -> find(null, digests.getLast()), code -> true);
        return Envelope.ok(keys);
    }

    record EditRequest(@Nullable Long id, @Nullable String name, @Nullable Long quota, @Nullable Long expiredTime,
                       @Nullable Integer status) {
    }

    /** Edits an unused code, or with {@code status_only} enables (1) or disables (2) it. */
    @PutMapping("/api/redemption/")
    Envelope<RedemptionJson> edit(@RequestBody EditRequest body,
                                  @RequestParam(name = "status_only", required = false) @Nullable String statusOnly) {
        if (body.id() == null) {
            throw ManagementException.badRequest("id is required");
        }
        RedemptionCodeView code = code(body.id());
        Caller caller = Caller.current();
        try {
            if (statusOnly != null && !statusOnly.isEmpty() && !statusOnly.equals("false")) {
                if (body.status() == null || (body.status() != 1 && body.status() != 2)) {
                    throw ManagementException.badRequest("status must be 1 (enabled) or 2 (disabled)");
                }
                commands.send(new SetRedemptionCodeStatusCommand(code.codeId(), body.status() == 1), caller);
                return Envelope.ok(RedemptionJson.of(await(code, c -> c.status() == body.status())));
            }
            RedemptionTerms terms = terms(body.name(), body.quota(), body.expiredTime());
            commands.send(new EditRedemptionCodeCommand(code.codeId(), terms), caller);
            return Envelope.ok(RedemptionJson.of(await(code, c -> c.name().equals(terms.name())
                    && c.amountNanoUsd() == terms.amountNanoUsd())));
        } catch (RedemptionRefusedException e) {
            throw ManagementException.conflict(e.getMessage());
        }
    }

    private RedemptionCodeView await(RedemptionCodeView code, Predicate<RedemptionCodeView> done) {
        return readModel.await(() -> find(code.number(), null), done).orElse(code);
    }

    @DeleteMapping("/api/redemption/{id}")
    Envelope<Void> delete(@PathVariable long id) {
        commands.send(new DeleteRedemptionCodeCommand(code(id).codeId()), Caller.current());
        return Envelope.ok();
    }

    /** Deletes every code that can no longer be redeemed (used, disabled or expired); answers how many. */
    @DeleteMapping("/api/redemption/invalid")
    Envelope<Integer> deleteInvalid() {
        Caller caller = Caller.current();
        List<String> invalid = queries.query(new ListInvalidRedemptionCodesQuery(System.currentTimeMillis()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        invalid.forEach(codeId -> commands.send(new DeleteRedemptionCodeCommand(codeId), caller));
        return Envelope.ok(invalid.size());
    }

    record RedeemRequest(@Nullable String key) {
    }

    /** new-api's {@code POST /api/user/topup}: redeems a code; answers the quota added. */
    @PostMapping("/api/user/topup")
    Envelope<Long> redeem(@RequestBody RedeemRequest body, HttpServletRequest request) {
        Caller caller = Caller.current();
        String key = body.key() == null ? "" : body.key().trim();
        if (key.isEmpty() || key.length() > 64) {
            throw ManagementException.badRequest("key is required");
        }
        if (!throttle.tryAttempt(request.getRemoteAddr(), "redeem:" + caller.userId())) {
            throw new ManagementException(HttpStatus.TOO_MANY_REQUESTS,
                    "too many attempts; wait a few minutes and try again", "RATE_LIMITED");
        }
        RedemptionCodeView code = find(null, digest(key))
                .orElseThrow(() -> ManagementException.badRequest("this code is not valid"));
        long amount;
        try {
            amount = commands.send(new RedeemCodeCommand(code.codeId(), caller.userId(), Instant.now()), caller);
        } catch (RedemptionRefusedException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
        throttle.succeeded(request.getRemoteAddr(), "redeem:" + caller.userId());
        // Credited now, for the answer; the deposit processor credits it too if this node dies here (same transfer).
        commands.send(RedeemedCodeDeposits.credit(code.codeId(), caller.userId(), amount), caller);
        return Envelope.ok(QuotaUnits.toQuota(amount));
    }

    private RedemptionCodeView code(long id) {
        return find(id, null).orElseThrow(() -> ManagementException.notFound("no such redemption code"));
    }

    private Optional<RedemptionCodeView> find(@Nullable Long number, @Nullable String digest) {
        return readModel.queryOptional(new FindRedemptionCodeQuery(number, digest), RedemptionCodeView.class);
    }

    private String digest(String key) {
        return secretBox.redemptionCodeDigest(key);
    }

    private static String newKey() {
        return RandomSecrets.of(RandomSecrets.ALPHANUMERIC, 32);
    }

    private static RedemptionTerms terms(@Nullable String name, @Nullable Long quota, @Nullable Long expiredTime) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > 20) {
            throw ManagementException.badRequest("name must be 1 to 20 characters");
        }
        if (quota == null || quota <= 0) {
            throw ManagementException.badRequest("quota must be a positive number of quota units");
        }
        Instant expiresAt = null;
        if (expiredTime != null && expiredTime != 0 && expiredTime != -1) {
            if (expiredTime < 0 || expiredTime > 253_402_300_799L) {
                throw ManagementException.badRequest("expired_time must be 0 (never) or a Unix time in seconds");
            }
            expiresAt = Instant.ofEpochSecond(expiredTime);
        }
        return new RedemptionTerms(trimmed, QuotaUnits.toNanoUsd(quota), expiresAt);
    }
}
