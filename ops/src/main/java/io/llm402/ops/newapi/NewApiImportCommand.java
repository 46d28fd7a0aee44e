package io.llm402.ops.newapi;

import io.llm402.domain.shared.SecretBox;
import io.llm402.ops.persistence.JdbcTarget;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * {@code java -jar llm402.jar import-new-api --from <new-api database> [--dry-run] [--quota-per-unit N]}: reads the
 * new-api database once, prints what it would bring over (the dry run stops there and writes nothing), then starts
 * LLM402 on its own database as configured (SQL_DSN, LLM402_DATA_DIR, the cluster secret), sends the commands and
 * stops once the read models show them.
 */
public final class NewApiImportCommand {

    public static final String NAME = "import-new-api";

    private NewApiImportCommand() {
    }

    /** Options of one run. */
    record Request(String from, boolean dryRun, @Nullable Long quotaPerUnit, int threads) {
    }

    /** Runs the import; answers the process exit code. */
    public static int run(String[] args, Supplier<SpringApplication> application) {
        PrintStream out = System.out;
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(NAME + ": " + e.getMessage() + "\n\n" + usage());
            return 2;
        }
        NewApiDatabase database;
        JdbcTarget target;
        try {
            target = NewApiReader.target(request.from());
            out.println("Reading the new-api database " + target + " ...");
            database = NewApiReader.read(target);
        } catch (IllegalArgumentException | SQLException e) {
            System.err.println(NAME + ": cannot read the new-api database: " + e.getMessage());
            return 1;
        }
        if (request.dryRun()) {
            // Keys are sealed with a throwaway secret: the plan is only reported, never sent.
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            NewApiImportPlanner planner = new NewApiImportPlanner(new SecretBox(HexFormat.of().formatHex(secret)),
                    request.quotaPerUnit(), database, target.toString());
            ImportPlan plan = planner.plan(database);
            out.println(plan.report().render());
            out.println("Dry run: " + plan.steps() + " steps planned, nothing written.");
            return 0;
        }
        SpringApplication app = application.get();
        NewApiImportRunner.Outcome outcome = new NewApiImportRunner.Outcome();
        app.addInitializers(context -> ((GenericApplicationContext) context).registerBean(NewApiImportRunner.class,
                () -> new NewApiImportRunner(database, target.toString(), request, outcome,
                        context.getBean(CommandGateway.class),
                        context.getBean(SecretBox.class))));
        // Its own port, so an import can run beside a gateway on this machine; quiet logs under the progress bar.
        ConfigurableApplicationContext context = app.run("--server.port=0", "--logging.level.root=WARN",
                "--logging.level.io.llm402.ops.newapi=INFO", "--spring.main.banner-mode=off");
        return SpringApplication.exit(context, () -> outcome.failed() ? 1 : 0);
    }

    static Request parse(String[] args) {
        String from = null;
        boolean dryRun = false;
        Long quotaPerUnit = null;
        int threads = 4;
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--from" -> from = value(rest, ++i, arg);
                case "--quota-per-unit" -> quotaPerUnit = Long.parseLong(value(rest, ++i, arg));
                case "--threads" -> threads = Integer.parseInt(value(rest, ++i, arg));
                default -> {
                    if (arg.startsWith("--from=")) {
                        from = arg.substring("--from=".length());
                    } else {
                        throw new IllegalArgumentException("unknown argument " + arg);
                    }
                }
            }
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("--from is required");
        }
        if (threads < 1 || threads > 64 || (quotaPerUnit != null && quotaPerUnit <= 0)) {
            throw new IllegalArgumentException("--threads is 1-64 and --quota-per-unit positive");
        }
        return new Request(from, dryRun, quotaPerUnit, threads);
    }

    private static String value(List<String> args, int index, String name) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(index);
    }

    static String usage() {
        return """
                usage: java -jar llm402.jar import-new-api --from <new-api database> [--dry-run] [--quota-per-unit N]
                  --from            new-api's SQLite file (one-api.db), or its SQL_DSN: postgres://user:pass@host/db,
                                    user:pass@tcp(host:3306)/db, or a jdbc: URL
                  --dry-run         print what would be imported and write nothing
                  --quota-per-unit  new-api quota per USD when its options do not say (default 500000)
                LLM402's own database is the one the gateway uses (SQL_DSN, LLM402_DATA_DIR); run the import with the
                same environment (and CRYPTO_SECRET) as the gateway. Running it again changes nothing
                that has not changed in new-api.""";
    }
}
