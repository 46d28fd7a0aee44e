package io.llm402.ops.newapi;

import java.util.List;

/**
 * A new-api database turned into commands, in phases that run one after another (settings and prices, users,
 * balances, keys, channels, redemption codes), with the report of what maps to what and what stays behind. Building
 * it sends nothing.
 */
record ImportPlan(List<Phase> phases, ImportReport report) {

    ImportPlan {
        phases = List.copyOf(phases);
    }

    int steps() {
        return phases.stream().mapToInt(phase -> phase.steps().size()).sum();
    }

    /** Steps of one phase touch different aggregates, so they may run at once. */
    record Phase(String name, List<Step> steps) {

        Phase {
            steps = List.copyOf(steps);
        }
    }

    /** Commands for one aggregate, sent in order. */
    record Step(String subject, List<Object> commands) {

        Step {
            commands = List.copyOf(commands);
        }

        @Override
        public String toString() {
            return subject;
        }
    }
}
