package io.llm402.ops.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.limits.RateLimitVerdict;
import io.llm402.gateway.limits.RequestLimiter;
import io.llm402.gateway.limits.RequestWindow;
import io.llm402.gateway.limits.WindowLimit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** new-api's per-address limits on the management API: the global one on every call, the critical one on logins. */
class ApiAddressLimitFilterTest {

    /** The store's semantics in memory (the Hazelcast store is tested in HazelcastRequestLimiterTest). */
    private static final class InMemoryLimiter implements RequestLimiter {
        final Map<String, RequestWindow> windows = new HashMap<>();

        @Override
        public RateLimitVerdict admit(String subject, WindowLimit limit) {
            return windows.computeIfAbsent(subject, s -> new RequestWindow(limit.windowMillis()))
                    .admit(System.currentTimeMillis(), limit);
        }

        @Override
        public void succeeded(String subject, WindowLimit limit) {
        }

        @Override
        public RateLimitVerdict acquireSlot(String subject, int limit) {
            throw new UnsupportedOperationException("the filter takes no slots");
        }

        @Override
        public void releaseSlot(String subject) {
            throw new UnsupportedOperationException("the filter takes no slots");
        }
    }

    private final ApiAddressLimitFilter filter = new ApiAddressLimitFilter(new InMemoryLimiter(),
            new WindowLimit(180_000, 5, 0), new WindowLimit(1_200_000, 2, 0));

    private MockHttpServletResponse call(String method, String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void everyCallCountsAgainstTheAddressesGlobalLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/status", "192.0.2.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call("GET", "/api/user/self", "192.0.2.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 180L);
        assertThat(refused.getContentAsString()).contains("\"success\":false");
        assertThat(call("GET", "/api/status", "192.0.2.2").getStatus()).as("another address").isEqualTo(200);
    }

    @Test
    void loginsAndRegistrationsAlsoCountAgainstTheCriticalLimit() throws Exception {
        assertThat(call("POST", "/api/user/login", "198.51.100.1").getStatus()).isEqualTo(200);
        assertThat(call("POST", "/api/user/register", "198.51.100.1").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = call("POST", "/api/user/login", "198.51.100.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isGreaterThan(180L);
        assertThat(call("GET", "/api/user/self", "198.51.100.1").getStatus())
                .as("ordinary calls still have budget").isEqualTo(200);
    }
}
