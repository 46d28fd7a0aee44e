package io.llm402.gateway.routing;

import java.util.BitSet;

/** A set of HTTP statuses written as new-api writes them: {@code 401-404,408,429,500-599}. */
public final class StatusCodes {

    private final BitSet codes;
    private final String text;

    private StatusCodes(BitSet codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    /** Parses a comma list of codes and ranges (100-599); throws {@link IllegalArgumentException} naming the bad part. */
    public static StatusCodes parse(String text) {
        BitSet codes = new BitSet(600);
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int dash = item.indexOf('-');
            int from;
            int to;
            try {
                from = Integer.parseInt(dash < 0 ? item : item.substring(0, dash).trim());
                to = dash < 0 ? from : Integer.parseInt(item.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is not a status code or a range such as 500-599");
            }
            if (from < 100 || to > 599 || from > to) {
                throw new IllegalArgumentException("'" + item + "' is not within 100-599");
            }
            codes.set(from, to + 1);
        }
        return new StatusCodes(codes, text.trim());
    }

    public boolean contains(int status) {
        return status >= 0 && status < 600 && codes.get(status);
    }

    @Override
    public String toString() {
        return text;
    }
}
