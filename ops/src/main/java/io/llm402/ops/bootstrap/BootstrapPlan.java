package io.llm402.ops.bootstrap;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated bootstrap file turned into the commands that apply it, in dependency order (settings, groups, prices,
 * users, balances, tokens, channels). Building the plan sends nothing, so an invalid file changes nothing.
 */
public record BootstrapPlan(@Nullable Path source, List<Step> steps) {

    public BootstrapPlan {
        steps = List.copyOf(steps);
    }

    /** No bootstrap file is configured. */
    static BootstrapPlan none() {
        return new BootstrapPlan(null, List.of());
    }

    /**
     * One command and what it is about, for the start-up summary.
     *
     * @param generatedSecret a key made up because the file gave none: shown once, only if the command creates
     */
    public record Step(String subject, Object command, @Nullable String generatedSecret) {

        @Override
        public String toString() {
            return subject;
        }
    }
}
