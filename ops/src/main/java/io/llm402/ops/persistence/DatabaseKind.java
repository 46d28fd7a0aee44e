package io.llm402.ops.persistence;

import java.util.Locale;

/** The databases LLM402 runs on; each has its own event-store DDL under {@code db/axon/<folder>}. */
public enum DatabaseKind {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:"),
    MARIADB("jdbc:mariadb:");

    private final String urlPrefix;

    DatabaseKind(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatabaseKind ofJdbcUrl(String url) {
        for (DatabaseKind kind : values()) {
            if (url.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite:, jdbc:postgresql:, "
                + "jdbc:mariadb: or jdbc:mysql:)");
    }
}
