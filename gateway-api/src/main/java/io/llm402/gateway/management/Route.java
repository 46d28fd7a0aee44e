package io.llm402.gateway.management;

import org.springframework.http.HttpMethod;

/**
 * One row of the route table.
 *
 * @param path        a Spring path pattern, as the controller maps it
 * @param sessionOnly the route changes credentials: a management access token may not call it, only a browser
 *                    session (identity.md §4.6)
 */
public record Route(HttpMethod method, String path, Access access, boolean sessionOnly) {

    @Override
    public String toString() {
        return method + " " + path;
    }
}
