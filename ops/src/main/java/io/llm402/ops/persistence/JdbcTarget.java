package io.llm402.ops.persistence;

import org.jspecify.annotations.Nullable;

/** Where to connect: a JDBC URL with its credentials, and which kind of database it is. */
public record JdbcTarget(String url, @Nullable String username, @Nullable String password, DatabaseKind kind) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return kind.wireName() + " " + url.replaceAll("password=[^&;]*", "password=***");
    }
}
