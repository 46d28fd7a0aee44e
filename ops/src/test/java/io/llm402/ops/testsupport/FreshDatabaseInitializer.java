package io.llm402.ops.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test application context at a fresh database and a fresh data directory. */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("llm402-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestDatabases.FreshDatabase database = TestDatabases.create();
        TestPropertyValues.of(
                "llm402.data-dir=" + dataDir,
                "llm402.sql-dsn=" + (database.sqlDsn() == null ? "" : database.sqlDsn()),
                "llm402.hazelcast-port=5801",
                // Every test class shares one context and logs in from 127.0.0.1: the per-address budget would run
                // out across classes. The per-account limit stays as shipped (ManagementApiTest checks it), and the
                // per-address one is checked on its own (HazelcastLoginThrottleTest).
                "llm402.login.attempts-per-address=100000",
                // Same for new-api's per-address API limits (ApiAddressLimitFilterTest checks them on their own).
                "GLOBAL_API_RATE_LIMIT=1000000",
                "CRITICAL_RATE_LIMIT=1000000"
        ).applyTo(context);
    }
}
