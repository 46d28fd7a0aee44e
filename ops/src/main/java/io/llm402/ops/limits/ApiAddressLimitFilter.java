package io.llm402.ops.limits;

import io.llm402.gateway.limits.RateLimitVerdict;
import io.llm402.gateway.limits.RequestLimiter;
import io.llm402.gateway.limits.WindowLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * new-api's per-address limits on {@code /api/*} (the management API, not the relay): every call counts against the
 * global API limit, and the routes an attacker would hammer (login, its 2FA step, registration, first-run setup,
 * redemption, external logins) also against the stricter critical limit. Counted cluster-wide, so adding nodes does
 * not multiply them. A refusal is 429 in new-api's envelope with {@code Retry-After}.
 */
public class ApiAddressLimitFilter extends OncePerRequestFilter {

    private static final Set<String> CRITICAL = Set.of("/api/user/login", "/api/user/login/2fa",
            "/api/user/register", "/api/setup", "/api/user/topup");

    private final RequestLimiter limiter;
    private final @Nullable WindowLimit api;
    private final @Nullable WindowLimit critical;

    /** Either limit {@code null} when it is switched off. */
    public ApiAddressLimitFilter(RequestLimiter limiter, @Nullable WindowLimit api, @Nullable WindowLimit critical) {
        this.limiter = limiter;
        this.api = api;
        this.critical = critical;
    }

    static boolean critical(HttpServletRequest request) {
        String path = request.getRequestURI();
        return (CRITICAL.contains(path) && "POST".equals(request.getMethod())) || path.startsWith("/api/oauth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if (critical != null && critical(request)
                && refused(response, limiter.admit("critical:" + address, critical))) {
            return;
        }
        if (api != null && refused(response, limiter.admit("api:" + address, api))) {
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean refused(HttpServletResponse response, RateLimitVerdict verdict) throws IOException {
        if (verdict.admitted()) {
            return false;
        }
        boolean unavailable = verdict.outcome() == RateLimitVerdict.Outcome.UNAVAILABLE;
        long seconds = Math.max(1, (verdict.retryAfterMillis() + 999) / 1000);
        response.setStatus(unavailable ? 503 : 429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        response.setContentType("application/json");
        String message = unavailable ? "The rate limiter is unavailable; try again shortly."
                : "Too many requests from your address; try again in " + seconds + " s.";
        response.getOutputStream().write(("{\"success\":false,\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
