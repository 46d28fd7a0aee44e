package io.llm402.gateway.management;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * new-api's paging: {@code p} counts from 1, {@code page_size} (or {@code ps}, {@code size}) is 10 unless given and
 * at most 100; a list answers {@code {page, page_size, total, items}}.
 */
public record Paging(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;

    public static Paging of(HttpServletRequest request) {
        int page = positive(request, "p", 1);
        String sizeName = request.getParameter("page_size") != null ? "page_size"
                : request.getParameter("ps") != null ? "ps" : "size";
        int size = Math.min(positive(request, sizeName, DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
        return new Paging(page, size);
    }

    public int offset() {
        long offset = (long) (page - 1) * pageSize;
        if (offset > Integer.MAX_VALUE) {
            throw ManagementException.badRequest("p is too large");
        }
        return (int) offset;
    }

    public <T> PageOf<T> of(List<T> items, long total) {
        return new PageOf<>(page, pageSize, total, items);
    }

    public record PageOf<T>(int page, int pageSize, long total, List<T> items) {
    }

    private static int positive(HttpServletRequest request, String name, int fallback) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw ManagementException.badRequest(name + " must be 1 or more");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ManagementException.badRequest(name + " must be a whole number");
        }
    }
}
