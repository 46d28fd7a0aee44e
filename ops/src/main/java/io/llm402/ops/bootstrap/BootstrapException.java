package io.llm402.ops.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The bootstrap file cannot be applied; lists every problem found, each with its line and field. */
public class BootstrapException extends RuntimeException {

    private final List<Problem> problems;

    BootstrapException(Path file, List<Problem> problems) {
        super("bootstrap file " + file + " is invalid, nothing was applied:\n" + problems.stream()
                .map(problem -> "  - " + problem).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One mistake: where ({@code line} 1-based, 0 when unknown) and in which field. */
    public record Problem(int line, String field, String message) {

        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ", " : "") + field + ": " + message;
        }
    }
}
