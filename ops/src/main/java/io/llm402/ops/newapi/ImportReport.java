package io.llm402.ops.newapi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What an import reads, brings over, maps and leaves behind, as the operator reads it before and after. */
final class ImportReport {

    private static final BigDecimal NANO_PER_USD = BigDecimal.valueOf(1_000_000_000L);

    /** Per table: read, imported, skipped. */
    private final Map<String, long[]> tables = new LinkedHashMap<>();
    private final Map<String, Integer> mappings = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> notCarriedOver = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final TreeSet<String> optionsImported = new TreeSet<>();
    private final TreeSet<String> optionsNotUnderstood = new TreeSet<>();
    private String source = "";
    private long quotaPerUnit;
    private long balanceQuotaBefore;
    private long balanceNanoUsdAfter;
    private long balanceQuotaLeftBehind;

    void source(String description, long quotaPerUnit) {
        this.source = description;
        this.quotaPerUnit = quotaPerUnit;
    }

    void read(String table) {
        counts(table)[0]++;
    }

    void imported(String table) {
        counts(table)[1]++;
    }

    void skipped(String table, String why) {
        counts(table)[2]++;
        skipped.add(why);
    }

    void mapped(String what) {
        mappings.merge(what, 1, Integer::sum);
    }

    void notCarriedOver(String what) {
        notCarriedOver.add(what);
    }

    void note(String note) {
        notes.add(note);
    }

    void option(String name, boolean understood) {
        (understood ? optionsImported : optionsNotUnderstood).add(name);
    }

    void balance(long quota, long importedNanoUsd, boolean leftBehind) {
        balanceQuotaBefore += quota;
        balanceNanoUsdAfter += importedNanoUsd;
        if (leftBehind) {
            balanceQuotaLeftBehind += quota;
        }
    }

    List<String> skippedReasons() {
        return List.copyOf(skipped);
    }

    List<String> notCarriedOverList() {
        return List.copyOf(notCarriedOver);
    }

    Set<String> optionsNotUnderstood() {
        return Set.copyOf(optionsNotUnderstood);
    }

    BigDecimal balanceUsdBefore() {
        return BigDecimal.valueOf(balanceQuotaBefore).divide(BigDecimal.valueOf(quotaPerUnit), 9,
                RoundingMode.HALF_UP);
    }

    BigDecimal balanceUsdAfter() {
        return BigDecimal.valueOf(balanceNanoUsdAfter).divide(NANO_PER_USD, 9, RoundingMode.UNNECESSARY);
    }

    private long[] counts(String table) {
        return tables.computeIfAbsent(table, t -> new long[3]);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("new-api database: ").append(source).append(" (QuotaPerUnit ").append(quotaPerUnit)
                .append(" = 1 USD)\n\n");
        out.append(String.format("  %-18s %9s %9s %9s%n", "table", "read", "import", "skip"));
        tables.forEach((table, c) -> out.append(String.format("  %-18s %9d %9d %9d%n", table, c[0], c[1], c[2])));
        out.append("\nBalances: ").append(usd(balanceUsdBefore())).append(" USD in new-api (")
                .append(balanceQuotaBefore).append(" quota), ").append(usd(balanceUsdAfter()))
                .append(" USD in LLM402 after the import");
        if (balanceQuotaLeftBehind != 0) {
            out.append("; ").append(usd(BigDecimal.valueOf(balanceQuotaLeftBehind).divide(
                    BigDecimal.valueOf(quotaPerUnit), 9, RoundingMode.HALF_UP))).append(" USD (")
                    .append(balanceQuotaLeftBehind).append(" quota) of skipped users left behind");
        }
        out.append('\n');
        section(out, "Mapped", mappings.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        names(out, "Options imported", optionsImported);
        names(out, "Options LLM402 does not understand (not imported)", optionsNotUnderstood);
        section(out, "Skipped", skipped);
        section(out, "Not carried over", notCarriedOver);
        section(out, "Notes", notes);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append('\n').append(title).append(" (").append(lines.size()).append("):\n");
            lines.forEach(line -> out.append("  ").append(line).append('\n'));
        }
    }

    /** Names on one line, counted. */
    private static void names(StringBuilder out, String title, Set<String> names) {
        if (!names.isEmpty()) {
            out.append('\n').append(title).append(" (").append(names.size()).append("):\n  ")
                    .append(String.join(", ", names)).append('\n');
        }
    }

    private static String usd(BigDecimal value) {
        return value.stripTrailingZeros().scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                : value.stripTrailingZeros().toPlainString();
    }
}
