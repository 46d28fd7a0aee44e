package io.llm402.gateway.limits;

import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.catalog.CatalogSnapshot;
import io.llm402.gateway.wire.Failure;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The relay's rate limits: new-api's model request limit per user (settings), and a per-address limit on requests
 * without a key. Only a subject with a limit costs a trip to the {@link RequestLimiter}; with no limit set the relay
 * pays nothing.
 */
@Component
@EnableConfigurationProperties(LimitProperties.class)
public class RequestLimits {

    static final String MODEL_SUBJECT = "model-requests:";
    static final String KEYLESS_SUBJECT = "keyless:";
    static final String KEY_SLOTS = "key:";
    static final String USER_SLOTS = "user:";
    /** Past this wait an SDK should not retry on its own (it would count again against the total). */
    private static final long SDK_RETRY_CEILING_MILLIS = 60_000;

    private final RequestLimiter limiter;
    private final Catalog catalog;
    private final @Nullable WindowLimit keyless;
    private volatile Parsed parsed = new Parsed(CatalogSnapshot.EMPTY, ModelRequestRateLimits.OFF,
            ConcurrencyLimits.NONE);

    public RequestLimits(RequestLimiter limiter, Catalog catalog, LimitProperties properties) {
        this.limiter = limiter;
        this.catalog = catalog;
        this.keyless = properties.keylessPerMinute() > 0
                ? new WindowLimit(60_000, properties.keylessPerMinute(), 0) : null;
    }

    private record Parsed(CatalogSnapshot snapshot, ModelRequestRateLimits limits, ConcurrencyLimits slots) {
    }

    /**
     * A refused request's answer.
     *
     * @param retryAfterMillis 0 when there is nothing to wait for
     */
    public record Refusal(Failure failure, String message, String code, long retryAfterMillis) {

        /** {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms}, as OpenAI's SDKs read them. */
        public void writeHeaders(HttpServletResponse response) {
            if (retryAfterMillis <= 0) {
                return;
            }
            response.setHeader("Retry-After", String.valueOf((retryAfterMillis + 999) / 1000));
            response.setHeader("retry-after-ms", String.valueOf(retryAfterMillis));
            if (retryAfterMillis > SDK_RETRY_CEILING_MILLIS) {
                response.setHeader("x-should-retry", "false");
            }
        }
    }

    /**
     * The in-flight slots a request took, or why it was refused.
     *
     * @param held     the subjects whose slot it holds, to give back when it ends
     * @param refusal  {@code null} when admitted
     */
    public record SlotGrant(List<String> held, @Nullable Refusal refusal) {
    }

    /**
     * Takes the key's and the user's in-flight slots where limits are set (nothing is asked when none is). A
     * refusal is 429 with a retry in a second; a slot taken before the refusal is given back.
     */
    public SlotGrant acquireSlots(String tokenId, String userId) {
        ConcurrencyLimits limits = current().slots();
        if (limits.perKey() == 0 && limits.perUser() == 0) {
            return NOTHING_HELD;
        }
        List<String> held = new ArrayList<>(2);
        Refusal refused = take(held, KEY_SLOTS + tokenId, limits.perKey(), "this API key");
        if (refused == null) {
            refused = take(held, USER_SLOTS + userId, limits.perUser(), "your account");
        }
        if (refused != null) {
            releaseSlots(new SlotGrant(held, null));
            return new SlotGrant(List.of(), refused);
        }
        return new SlotGrant(held, null);
    }

    private static final SlotGrant NOTHING_HELD = new SlotGrant(List.of(), null);

    public void releaseSlots(SlotGrant grant) {
        grant.held().forEach(limiter::releaseSlot);
    }

    private @Nullable Refusal take(List<String> held, String subject, int limit, String whose) {
        if (limit == 0) {
            return null;
        }
        RateLimitVerdict verdict = limiter.acquireSlot(subject, limit);
        return switch (verdict.outcome()) {
            case ADMITTED -> {
                held.add(subject);
                yield null;
            }
            case UNCHECKED -> null;
            case UNAVAILABLE -> refusal(verdict, "");
            case TOTAL_REACHED, SUCCESS_REACHED -> new Refusal(Failure.RATE_LIMITED, "Too many requests in flight "
                    + "for " + whose + ": at most " + limit + " at once.", "concurrency_limit_exceeded", 1_000);
        };
    }

    /** Counts a keyed request against its user's model request limit; {@code null} when it may go on. */
    public @Nullable Refusal admitModelRequest(String userId, String group) {
        WindowLimit limit = modelLimit(group);
        if (limit == null) {
            return null;
        }
        RateLimitVerdict verdict = limiter.admit(MODEL_SUBJECT + userId, limit);
        return verdict.admitted() ? null : refusal(verdict, ModelRequestRateLimits.refusal(verdict, limit));
    }

    /** Records a keyed request's completion: only a status below 400 counts as a success. */
    public void modelRequestCompleted(String userId, String group, int status) {
        if (status >= 400) {
            return;
        }
        WindowLimit limit = modelLimit(group);
        if (limit != null && limit.success() > 0) {
            limiter.succeeded(MODEL_SUBJECT + userId, limit);
        }
    }

    /** Counts a request without a key against its client address; {@code null} when it may go on. */
    public @Nullable Refusal admitKeyless(String clientAddress) {
        if (keyless == null) {
            return null;
        }
        RateLimitVerdict verdict = limiter.admit(KEYLESS_SUBJECT + clientAddress, keyless);
        return verdict.admitted() ? null : refusal(verdict, "Too many requests without an API key from your "
                + "address: at most " + keyless.total() + " per minute.");
    }

    private @Nullable WindowLimit modelLimit(String group) {
        return current().limits().limitFor(group).filter(limit -> !limit.unlimited()).orElse(null);
    }

    private Parsed current() {
        CatalogSnapshot snapshot = catalog.snapshot();
        Parsed current = parsed;
        if (current.snapshot() != snapshot) {
            current = new Parsed(snapshot, ModelRequestRateLimits.from(snapshot.settings()),
                    ConcurrencyLimits.from(snapshot.settings()));
            parsed = current;
        }
        return current;
    }

    private static Refusal refusal(RateLimitVerdict verdict, String message) {
        if (verdict.outcome() == RateLimitVerdict.Outcome.UNAVAILABLE) {
            return new Refusal(Failure.OVERLOADED, "The rate limiter is unavailable; try again shortly.",
                    "rate_limit_check_failed", 1_000);
        }
        return new Refusal(Failure.RATE_LIMITED, message, "rate_limit_exceeded", verdict.retryAfterMillis());
    }
}
