package io.llm402.ops.bootstrap;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The bootstrap YAML as written (DESIGN §5), before validation; every section is optional. */
record BootstrapFile(@Nullable Settings settings, @Nullable Map<String, BigDecimal> groups,
                     @Nullable Map<String, Model> models, @Nullable List<User> users, @Nullable List<Token> tokens,
                     @Nullable List<Channel> channels) {

    /**
     * @param modelMaxOutputTokens the most output one answer may ask for, per model, over the built-in limits
     * @param options              any other option by its {@code /api/option/} name (external logins, retries, …)
     */
    record Settings(@Nullable BigDecimal promptCacheRatio, @Nullable RateLimit modelRequestRateLimit,
                    @Nullable ConcurrentRequests concurrentRequests,
                    @Nullable Map<String, Long> modelMaxOutputTokens, @Nullable Map<String, Object> options) {
    }

    /** Requests in flight at once per API key and per user, across the cluster; 0 is unlimited. */
    record ConcurrentRequests(@Nullable Integer perKey, @Nullable Integer perUser) {
    }

    /** new-api's model request rate limit; {@code groups} maps a group to {@code [count, success_count]}. */
    record RateLimit(@Nullable Boolean enabled, @Nullable Integer durationMinutes, @Nullable Integer count,
                     @Nullable Integer successCount, @Nullable Map<String, List<Integer>> groups) {
    }

    record Model(@Nullable BigDecimal input, @Nullable BigDecimal output, @Nullable BigDecimal perCall,
                 @Nullable BigDecimal cacheRatio, @Nullable BigDecimal cacheWriteRatio) {
    }

    record User(@Nullable String username, @Nullable String password, @Nullable String role, @Nullable String group,
                @Nullable BigDecimal balanceUsd, @Nullable Boolean disabled) {
    }

    record Token(@Nullable String user, @Nullable String name, @Nullable String key, @Nullable String group,
                 @Nullable List<String> models, @Nullable BigDecimal limitUsd, @Nullable Instant expiresAt,
                 @Nullable Boolean disabled) {
    }

    record Channel(@Nullable String name, @Nullable String type, @Nullable String baseUrl, @Nullable String key,
                   @Nullable List<String> keys, @Nullable List<String> models, @Nullable Map<String, String> modelMapping,
                   @Nullable List<String> groups, @Nullable Integer priority, @Nullable Integer weight,
                   @Nullable ChannelSettings settings) {
    }

    record ChannelSettings(@Nullable BigDecimal promptCacheRatio, @Nullable Boolean thinkingToContent,
                           @Nullable String apiVersion, @Nullable String keySelection, @Nullable Boolean autoDisable,
                           @Nullable String testModel, @Nullable String systemPrompt,
                           @Nullable Boolean systemPromptOverride, @Nullable Map<String, Object> paramOverride,
                           @Nullable Map<String, String> headerOverride, @Nullable Map<String, String> statusCodeMapping,
                           @Nullable Boolean streamOptions) {
    }
}
