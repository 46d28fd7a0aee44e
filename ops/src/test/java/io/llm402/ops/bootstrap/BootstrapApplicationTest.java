package io.llm402.ops.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.ledger.api.LedgerRecovery;
import io.llm402.domain.shared.SecretBox;
import io.llm402.ops.axon.ProcessorProgress;
import io.llm402.ops.config.Llm402Properties;
import io.llm402.ops.persistence.JdbcTarget;
import io.llm402.ops.testsupport.EventStoreRows;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applying a bootstrap file is idempotent: the same file appends nothing, a changed one appends only the change. */
@Llm402AppTest
class BootstrapApplicationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    SecretBox secretBox;
    @Autowired
    ProcessorProgress progress;
    @Autowired
    Llm402Properties properties;
    @Autowired
    JdbcTarget database;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    LedgerRecovery recovery;

    @TempDir
    Path dir;

    @Test
    void theSameFileTwiceAppendsNoEventAndAChangedFileOnlyItsChanges() throws IOException {
        Path file = dir.resolve("bootstrap.yaml");
        Files.copy(Objects.requireNonNull(getClass().getResourceAsStream("/bootstrap/full.yaml")), file);

        applyAtStart(file);
        long afterFirstStart = EventStoreRows.count(jdbc);
        applyAtStart(file);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(afterFirstStart);

        Files.writeString(file, Files.readString(file)
                .replace("vip: 0.8", "vip: 0.7")
                .replace("balance_usd: 10", "balance_usd: 12.5"));
        applyAtStart(file);
        // GroupRatioChangedEvent and FundsDepositedEvent of the 2.50 difference, nothing else.
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(afterFirstStart + 2);
    }

    /** What a start does: plan the file anew (fresh seals and ids), then apply it. */
    private void applyAtStart(Path file) {
        new StartupApplier(commands, processing, recovery, new BootstrapPlanner(secretBox).plan(file),
                properties, database, progress).run(null);
    }
}
