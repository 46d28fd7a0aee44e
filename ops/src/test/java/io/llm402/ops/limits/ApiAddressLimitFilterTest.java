package io.llm402.ops.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.limits.LocalRequestLimiter;
import io.llm402.gateway.limits.WindowLimit;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** new-api's per-address limits on the management API: the global one on every call, the critical one on logins. */
class ApiAddressLimitFilterTest {

    private final ApiAddressLimitFilter filter = new ApiAddressLimitFilter(new LocalRequestLimiter(Clock.systemUTC()),
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
