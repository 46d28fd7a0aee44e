package io.llm402.ops.limits;

import com.hazelcast.core.HazelcastInstance;
import io.llm402.gateway.billing.NodeIdentity;
import io.llm402.gateway.limits.LimitProperties;
import io.llm402.gateway.limits.LocalRequestLimiter;
import io.llm402.gateway.limits.RequestLimiter;
import io.llm402.gateway.limits.WindowLimit;
import io.llm402.ops.config.Llm402Properties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The rate limits' store (in memory for a node alone, Hazelcast in a cluster) and the management API's per-address
 * limits, configured with new-api's variable names
 * ({@code GLOBAL_API_RATE_LIMIT…}, {@code CRITICAL_RATE_LIMIT…}) and defaults.
 */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    /**
     * A node alone counts in its own memory; a cluster's nodes count in Hazelcast, where every node sees the same
     * counts.
     */
    @Bean
    RequestLimiter requestLimiter(Llm402Properties cluster, HazelcastInstance hazelcast, LimitProperties properties,
                                  MeterRegistry meters, NodeIdentity node,
                                  @Value("${llm402.limits.store-timeout:2s}") Duration timeout) {
        if (!cluster.clustered()) {
            return new LocalRequestLimiter(Clock.systemUTC());
        }
        HazelcastRequestLimiter limiter = new HazelcastRequestLimiter(hazelcast.getMap(HazelcastRequestLimiter.MAP),
                hazelcast.getMap(HazelcastRequestLimiter.SLOTS), node.nodeId(), Clock.systemUTC(), timeout,
                properties.failClosed(), meters);
        // Slots an earlier run of this node held when it died are not in flight any more.
        limiter.dropSlotsOf(node.nodeId());
        return limiter;
    }

    @Bean
    FilterRegistrationBean<ApiAddressLimitFilter> apiAddressLimitFilter(RequestLimiter limiter,
            @Value("${GLOBAL_API_RATE_LIMIT_ENABLE:true}") boolean apiEnabled,
            @Value("${GLOBAL_API_RATE_LIMIT:180}") int apiCount,
            @Value("${GLOBAL_API_RATE_LIMIT_DURATION:180}") long apiSeconds,
            @Value("${CRITICAL_RATE_LIMIT_ENABLE:true}") boolean criticalEnabled,
            @Value("${CRITICAL_RATE_LIMIT:20}") int criticalCount,
            @Value("${CRITICAL_RATE_LIMIT_DURATION:1200}") long criticalSeconds) {
        WindowLimit api = apiEnabled && apiCount > 0 ? new WindowLimit(Math.max(1, apiSeconds) * 1000, apiCount, 0)
                : null;
        WindowLimit critical = criticalEnabled && criticalCount > 0
                ? new WindowLimit(Math.max(1, criticalSeconds) * 1000, criticalCount, 0) : null;
        FilterRegistrationBean<ApiAddressLimitFilter> registration =
                new FilterRegistrationBean<>(new ApiAddressLimitFilter(limiter, api, critical));
        registration.addUrlPatterns("/api/*");
        // Before sessions and security: a refused address costs no session lookup and no password hash.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
