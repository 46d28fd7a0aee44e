package io.llm402.gateway.reasoning;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a requested model name into the model that is routed and the reasoning its suffix asks for (api-formats
 * §13.1, TV-11). A suffix is only read off a family that has that control, so real names such as {@code qwen-max} or
 * {@code mistral-medium} stay whole. A name the catalog serves as it is (new-api operators list
 * {@code o3-mini-high} among a channel's models, because that is how such a request is routed there) is routed whole,
 * but its suffix is still read: the upstream gets the base name with the reasoning control, as in new-api. Exactly one
 * suffix is read, longest first.
 */
public final class ModelSuffix {

    /** Longest first, so {@code -xhigh} is not read as {@code -high}. */
    private static final List<String> EFFORTS = List.of("minimal", "medium", "xhigh", "high", "none", "low", "max");
    private static final Pattern THINKING_BUDGET = Pattern.compile("^(.+)-thinking-(\\d{1,6})$");
    private static final Pattern OPENAI_REASONING = Pattern.compile("^(o\\d|gpt-5).*");

    private ModelSuffix() {
    }

    /**
     * The model to route and the reasoning asked for; {@code reasoning} is null when the name carries none. When the
     * routed model still carries the suffix (a listed name), the upstream gets it without: see
     * {@link #upstreamName}.
     */
    public record Parsed(String model, @Nullable ReasoningRequest reasoning) {
    }

    /** @param served whether the catalog serves a model name as it is */
    public static Parsed parse(String requested, Predicate<String> served) {
        if (served.test(requested)) {
            // Routed as listed; the suffix is read off whatever the base is.
            Parsed listed = split(requested, base -> true);
            return new Parsed(requested, listed.reasoning());
        }
        return split(requested, served);
    }

    /**
     * The name sent upstream for a routed (and mapped) name: without the suffix the reasoning came from, when the name
     * still ends with it (a listed suffixed name); otherwise as it is.
     */
    public static String upstreamName(String mapped, @Nullable ReasoningRequest reasoning) {
        if (reasoning == null || !mapped.endsWith(reasoning.suffix()) || mapped.length() == reasoning.suffix().length()) {
            return mapped;
        }
        return mapped.substring(0, mapped.length() - reasoning.suffix().length());
    }

    private static Parsed split(String requested, Predicate<String> served) {
        Matcher budget = THINKING_BUDGET.matcher(requested);
        if (budget.matches() && isGemini(budget.group(1)) && served.test(budget.group(1))) {
            return new Parsed(budget.group(1), new ReasoningRequest("-thinking-" + budget.group(2), null, true,
                    Integer.parseInt(budget.group(2)), false));
        }
        Parsed thinking = strip(requested, "-nothinking", served, ModelSuffix::isGemini,
                new ReasoningRequest("-nothinking", null, false, null, true));
        if (thinking == null) {
            thinking = strip(requested, "-thinking", served, base -> isGemini(base) || isClaude(base),
                    new ReasoningRequest("-thinking", null, true, null, false));
        }
        if (thinking != null) {
            return thinking;
        }
        for (String effort : EFFORTS) {
            Parsed parsed = strip(requested, "-" + effort, served, ModelSuffix::takesEffort,
                    new ReasoningRequest("-" + effort, effort, false, null, false));
            if (parsed != null) {
                return parsed;
            }
        }
        return new Parsed(requested, null);
    }

    private static @Nullable Parsed strip(String requested, String suffix, Predicate<String> served,
                                          Predicate<String> family, ReasoningRequest reasoning) {
        if (!requested.endsWith(suffix) || requested.length() == suffix.length()) {
            return null;
        }
        String base = requested.substring(0, requested.length() - suffix.length());
        return family.test(base) && served.test(base) ? new Parsed(base, reasoning) : null;
    }

    /** OpenAI's reasoning families, and Claude and Gemini, whose effort maps to a thinking budget or level. */
    static boolean takesEffort(String base) {
        return OPENAI_REASONING.matcher(base).matches() || isClaude(base) || isGemini(base)
                || base.startsWith("deepseek");
    }

    static boolean isClaude(String model) {
        return model.startsWith("claude");
    }

    static boolean isGemini(String model) {
        return model.startsWith("gemini");
    }
}
