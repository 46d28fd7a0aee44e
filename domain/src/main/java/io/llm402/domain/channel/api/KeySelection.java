package io.llm402.domain.channel.api;

import java.util.Locale;

/** How a channel with several keys picks one for a request (new-api's {@code multi_key_mode}). */
public enum KeySelection {
    /** Uniformly among the enabled keys. */
    RANDOM,
    /** Each enabled key in turn (new-api's "polling"). */
    ROUND_ROBIN;

    /** new-api's names ({@code random}, {@code polling}) or LLM402's ({@code round_robin}). */
    public static KeySelection fromName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "random" -> RANDOM;
            case "polling", "round_robin", "round-robin" -> ROUND_ROBIN;
            default -> throw new IllegalArgumentException("expected random or round_robin (new-api's polling)");
        };
    }

    /** new-api's name. */
    public String newApiName() {
        return this == RANDOM ? "random" : "polling";
    }
}
