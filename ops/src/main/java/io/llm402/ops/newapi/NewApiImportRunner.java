package io.llm402.ops.newapi;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.ManagementCommands;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Sends an import's commands, phase by phase (each phase's steps concurrently, each step's commands in order), with a
 * progress bar, then the report and what changed. Runs before the start-up applier, which then waits for the read
 * models to show it all.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class NewApiImportRunner implements ApplicationRunner {

    private static final MetaData BY_IMPORT = ManagementCommands.metaData(Actor.NEW_API_IMPORT);
    private static final int BAR_WIDTH = 30;

    private final NewApiDatabase database;
    private final String source;
    private final NewApiImportCommand.Request request;
    private final Outcome outcome;
    private final CommandGateway commands;
    private final SecretBox secretBox;
    private final PrintStream out = System.out;

    NewApiImportRunner(NewApiDatabase database, String source, NewApiImportCommand.Request request, Outcome outcome,
                       CommandGateway commands, SecretBox secretBox) {
        this.database = database;
        this.source = source;
        this.request = request;
        this.outcome = outcome;
        this.commands = commands;
        this.secretBox = secretBox;
    }

    /** Whether the import failed, for the exit code. */
    static final class Outcome {
        private volatile boolean failed;

        boolean failed() {
            return failed;
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        ImportPlan plan = new NewApiImportPlanner(secretBox, request.quotaPerUnit(), database, source).plan(database);
        out.println(plan.report().render());
        Map<DefinitionOutcome, Integer> counts = new EnumMap<>(DefinitionOutcome.class);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(request.threads())) {
            for (ImportPlan.Phase phase : plan.phases()) {
                runPhase(phase, pool, counts, failures);
            }
        }
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
        out.printf("%nImported in %d s: %d created, %d changed, %d unchanged, %d failed.%n", seconds,
                counts.getOrDefault(DefinitionOutcome.CREATED, 0), counts.getOrDefault(DefinitionOutcome.CHANGED, 0),
                counts.getOrDefault(DefinitionOutcome.UNCHANGED, 0), failures.size());
        failures.stream().limit(50).forEach(failure -> out.println("  failed: " + failure));
        if (!failures.isEmpty()) {
            outcome.failed = true;
        }
    }

    private void runPhase(ImportPlan.Phase phase, ExecutorService pool, Map<DefinitionOutcome, Integer> counts,
                          ConcurrentLinkedQueue<String> failures) throws InterruptedException {
        List<ImportPlan.Step> steps = phase.steps();
        if (steps.isEmpty()) {
            return;
        }
        AtomicInteger done = new AtomicInteger();
        Map<DefinitionOutcome, AtomicInteger> phaseCounts = new EnumMap<>(DefinitionOutcome.class);
        for (DefinitionOutcome value : DefinitionOutcome.values()) {
            phaseCounts.put(value, new AtomicInteger());
        }
        List<Future<?>> futures = steps.stream().<Future<?>>map(step -> pool.submit(() -> {
            try {
                phaseCounts.get(send(step)).incrementAndGet();
            } catch (RuntimeException e) {
                failures.add(step.subject() + ": " + e.getMessage());
            }
            done.incrementAndGet();
        })).toList();
        Progress progress = new Progress(phase.name(), steps.size());
        for (Future<?> future : futures) {
            boolean finished = false;
            while (!finished) {
                try {
                    future.get(100, TimeUnit.MILLISECONDS);
                    finished = true;
                } catch (TimeoutException stillRunning) {
                    progress.show(done.get());
                } catch (ExecutionException e) {
                    // The task catches what a step throws; anything else is a bug worth stopping for.
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        progress.finish();
        phaseCounts.forEach((key, value) -> counts.merge(key, value.get(), Integer::sum));
    }

    /** A step's outcome: created if its first command created, else changed if any command changed something. */
    private DefinitionOutcome send(ImportPlan.Step step) {
        DefinitionOutcome result = DefinitionOutcome.UNCHANGED;
        for (int i = 0; i < step.commands().size(); i++) {
            // Every command the planner makes answers a DefinitionOutcome.
            DefinitionOutcome answer = commands.sendAndWait(step.commands().get(i), BY_IMPORT);
            if (i == 0 && answer == DefinitionOutcome.CREATED) {
                result = DefinitionOutcome.CREATED;
            } else if (answer != DefinitionOutcome.UNCHANGED && result == DefinitionOutcome.UNCHANGED) {
                result = DefinitionOutcome.CHANGED;
            }
        }
        return result;
    }

    /** One line per phase, redrawn in place on a terminal and every tenth elsewhere. */
    private final class Progress {
        private final String name;
        private final int total;
        private final boolean terminal = System.console() != null;
        private int lastTenth = -1;

        Progress(String name, int total) {
            this.name = name;
            this.total = total;
        }

        void show(int done) {
            int tenth = done * 10 / total;
            if (terminal) {
                out.print("\r" + line(done));
            } else if (tenth != lastTenth && tenth < 10) {
                out.println(line(done));
            }
            lastTenth = tenth;
        }

        void finish() {
            out.print((terminal ? "\r" : "") + line(total) + "\n");
        }

        private String line(int done) {
            int filled = done * BAR_WIDTH / total;
            return String.format("  %-28s [%s%s] %,d/%,d", name, "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                    done, total);
        }
    }
}
