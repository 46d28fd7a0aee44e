package io.llm402.projections.support;

/** A search keyword in SQL: as a LIKE pattern (its wildcards literal, {@code !} the escape) and as an id. */
public final class Keywords {

    private Keywords() {
    }

    /** {@code %keyword%} with {@code %}, {@code _} and {@code !} escaped; use with {@code ESCAPE '!'}. */
    public static String containing(String keyword) {
        return "%" + keyword.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** The keyword as a numeric id, or -1 (no id) when it is not one. */
    public static long asNumber(String keyword) {
        try {
            return Long.parseLong(keyword.trim());
        } catch (NumberFormatException notAnId) {
            return -1;
        }
    }
}
