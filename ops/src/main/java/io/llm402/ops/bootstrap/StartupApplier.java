package io.llm402.ops.bootstrap;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.ProvisionRootUserCommand;
import io.llm402.domain.ledger.api.LedgerRecovery;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.ops.axon.ProcessorProgress;
import io.llm402.ops.config.Llm402Properties;
import io.llm402.ops.persistence.DatabaseKind;
import io.llm402.ops.persistence.JdbcTarget;
import io.llm402.projections.ledger.LedgerBookProjection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At every start, after Axon is up: applies the bootstrap plan as ordinary commands (each idempotent, so an unchanged
 * file appends no event), makes sure a root user exists, and recovers the allowances an earlier run of this node
 * left open. Runs before the application reports ready.
 * Generated secrets (root password, token keys) are printed once, when they are created, and never logged again.
 */
@Component
class StartupApplier implements ApplicationRunner {

    static final String ROOT_USERNAME = "root";
    /** The events the bootstrap file causes name it as their actor, as management changes name their user. */
    private static final MetaData BY_BOOTSTRAP = ManagementCommands.metaData(Actor.BOOTSTRAP);
    private static final Logger log = LoggerFactory.getLogger(StartupApplier.class);

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    private final CommandGateway commands;
    private final EventProcessingConfiguration processing;
    private final LedgerRecovery recovery;
    private final BootstrapPlan plan;
    private final Llm402Properties properties;
    private final JdbcTarget database;
    private final ProcessorProgress progress;

    StartupApplier(CommandGateway commands, EventProcessingConfiguration processing,
                   LedgerRecovery recovery, BootstrapPlan bootstrapPlan, Llm402Properties properties,
                   JdbcTarget database, ProcessorProgress progress) {
        this.commands = commands;
        this.processing = processing;
        this.recovery = recovery;
        this.plan = bootstrapPlan;
        this.properties = properties;
        this.database = database;
        this.progress = progress;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (database.kind() == DatabaseKind.SQLITE) {
            log.info("Data lives in {}", properties.dataDir().toAbsolutePath().normalize());
        }
        if (plan.source() != null) {
            apply(plan);
        }
        provisionRoot();
        recoverAllowances();
        // Ready means the read models already show what the bootstrap file just defined (keys, channels, prices).
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                awaitCaughtUp(name);
            }
        });
    }

    /** Resolves what an earlier run of this node left open (a crash included) before serving requests. */
    private void recoverAllowances() {
        awaitCaughtUp(LedgerBookProjection.PROCESSING_GROUP);
        int recovered = recovery.recover();
        if (recovered > 0) {
            log.info("Recovered {} allowance(s) left open by an earlier run of this node", recovered);
        }
    }

    private void awaitCaughtUp(String processingGroup) {
        progress.awaitCaughtUp(processingGroup, CATCH_UP_TIMEOUT);
    }

    private void apply(BootstrapPlan bootstrap) {
        Map<DefinitionOutcome, Integer> counts = new EnumMap<>(DefinitionOutcome.class);
        for (BootstrapPlan.Step step : bootstrap.steps()) {
            DefinitionOutcome outcome = commands.sendAndWait(step.command(), BY_BOOTSTRAP);
            counts.merge(outcome, 1, Integer::sum);
            if (outcome != DefinitionOutcome.UNCHANGED) {
                log.info("Bootstrap: {} {}", step.subject(), outcome.name().toLowerCase());
            }
            if (outcome == DefinitionOutcome.CREATED && step.generatedSecret() != null) {
                printOnce("Generated API key for " + step.subject() + ": " + step.generatedSecret());
            }
        }
        log.info("Bootstrap file {} applied: {} created, {} changed, {} unchanged", bootstrap.source(),
                counts.getOrDefault(DefinitionOutcome.CREATED, 0), counts.getOrDefault(DefinitionOutcome.CHANGED, 0),
                counts.getOrDefault(DefinitionOutcome.UNCHANGED, 0));
    }

    private void provisionRoot() {
        String password = randomPassword();
        boolean created = commands.sendAndWait(
                new ProvisionRootUserCommand(NaturalIds.userId(ROOT_USERNAME), ROOT_USERNAME, password), BY_BOOTSTRAP);
        if (created) {
            printOnce("First start: log in as '" + ROOT_USERNAME + "' with password " + password
                    + "  (shown only now; set one in the bootstrap file to choose it)");
        }
    }

    /** Straight to the console, not through the logger, so log shipping does not copy the secret. */
    private static void printOnce(String line) {
        System.out.println("\n  >>> " + line + "\n");
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
