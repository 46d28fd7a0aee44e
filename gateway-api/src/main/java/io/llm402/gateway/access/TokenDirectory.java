package io.llm402.gateway.access;

import io.llm402.domain.shared.SecretBox;
import io.llm402.projections.access.api.ApiTokenView;
import io.llm402.projections.access.api.FindApiTokenByDigestQuery;
import io.llm402.projections.api.ReadModelChangedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * API keys to tokens. A key is looked up by its HMAC digest once and then served from memory; the cache empties when
 * the access read model changes on this node, and entries older than {@link #MAX_AGE} are looked up again (changes
 * projected on another node of a cluster).
 */
@Component
public class TokenDirectory {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** Unknown keys are asked again sooner: a key issued a moment ago must start working at once. */
    static final Duration MISS_MAX_AGE = Duration.ofSeconds(1);
    /** Bounds the memory an attacker can fill with unknown keys. */
    private static final int MAX_ENTRIES = 100_000;
    /**
     * new-api strips this prefix before its look-up, so its users' clients may send a key with or without it; keys
     * imported from new-api are stored with it.
     */
    private static final String KEY_PREFIX = "sk-";

    private final QueryGateway queries;
    private final SecretBox secretBox;
    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    /** Bumped on every access change: a lookup that raced with a change is not cached. */
    private final AtomicLong generation = new AtomicLong();

    public TokenDirectory(QueryGateway queries, SecretBox secretBox) {
        this.queries = queries;
        this.secretBox = secretBox;
    }

    private record Entry(Optional<ApiTokenView> token, long loadedAtNanos) {
    }

    public Optional<ApiTokenView> find(String apiKey) {
        Entry entry = byKey.get(apiKey);
        long now = System.nanoTime();
        if (entry == null || now - entry.loadedAtNanos() > maxAge(entry).toNanos()) {
            if (byKey.size() >= MAX_ENTRIES) {
                byKey.clear();
            }
            long seen = generation.get();
            Optional<ApiTokenView> token = byDigest(apiKey);
            if (token.isEmpty() && !apiKey.startsWith(KEY_PREFIX)) {
                token = byDigest(KEY_PREFIX + apiKey);
            }
            entry = new Entry(token, now);
            if (generation.get() == seen) {
                byKey.put(apiKey, entry);
            }
        }
        return entry.token();
    }

    private Optional<ApiTokenView> byDigest(String apiKey) {
        return queries.query(new FindApiTokenByDigestQuery(secretBox.tokenDigest(apiKey)),
                ResponseTypes.optionalInstanceOf(ApiTokenView.class)).join();
    }

    /** The key's token when it may be used now: enabled, its owner enabled, not expired. */
    public Optional<ApiTokenView> findUsable(String apiKey) {
        return find(apiKey).filter(t -> !t.disabled() && !t.ownerDisabled()
                && (t.expiresAt() == null || Instant.now().isBefore(t.expiresAt())));
    }

    @EventListener
    void on(ReadModelChangedEvent event) {
        if (ReadModelChangedEvent.ACCESS.equals(event.readModel())) {
            generation.incrementAndGet();
            byKey.clear();
        }
    }

    private static Duration maxAge(Entry entry) {
        return entry.token().isPresent() ? MAX_AGE : MISS_MAX_AGE;
    }
}
