package io.llm402.features.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast the console's pages answer on a big installation: 1,000,000 request-log rows over 30 days, their hourly
 * and daily rollups, and 100,000 keys, written in bulk into the read models (as the projections would have written
 * them). Each page is asked 20 times after 3 warm-ups and the answer times on loopback are reported (p50, p95).
 * A measurement, not a check: run it with {@code -Dllm402.console.speed=true} (and {@code -Dllm402.test.db=postgres}).
 */
class ConsolePageSpeedTest {

    private static final int REQUESTS = 1_000_000;
    private static final int TOKENS = 100_000;
    private static final int USERS = 1_000;
    private static final long DAY_MS = 86_400_000L;
    private static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o", "o3-mini", "claude-sonnet-4-5",
            "claude-haiku-4-5", "gemini-2.5-pro", "gemini-2.5-flash", "deepseek-chat", "kimi-k2", "qwen3-max",
            "text-embedding-3-small", "rerank-v3.5");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void pagesOnAMillionRequestsAndAHundredThousandKeys() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("llm402.console.speed"), "a measurement: -Dllm402.console.speed");
        Installation installation = new Installation();
        installation.useBootstrap("""
                users:
                  - username: root
                    password: root-password-1
                    role: root
                channels:
                  - name: main
                    type: openai
                    base_url: http://127.0.0.1:9/v1
                    key: sk-upstream
                    models: [gpt-4o-mini]
                """);
        try (GatewayProcess gateway = installation.start()) {
            gateway.awaitReady();
            long started = System.nanoTime();
            String rootId = seed(installation);
            System.out.printf("seeded %,d requests and %,d keys in %.1f s%n", REQUESTS, TOKENS,
                    (System.nanoTime() - started) / 1e9);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + gateway.port() + "/api/user/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"root\",\"password\":\"root-password-1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode user = JSON.readTree(login.body()).path("data");
            assertThat(user.path("id").asLong()).as(login.body()).isPositive();
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("dashboard, own, 24 h", "/console");
            pages.put("dashboard, everyone, 24 h", "/console?scope=all");
            pages.put("dashboard, everyone, 7 d", "/console?scope=all&range=7d");
            pages.put("dashboard, everyone, 30 d, by key", "/console?scope=all&range=30d&by=token");
            pages.put("dashboard, everyone, 30 d, by user", "/console?scope=all&range=30d&by=user");
            pages.put("logs, first page, 24 h", "/console/logs");
            pages.put("logs, 30 d, one model", "/console/logs?range=30d&model=gemini-2.5-pro");
            pages.put("logs, 30 d, one user", "/console/logs?range=30d&user=user-7");
            pages.put("logs, older page", "/console/logs/rows?range=30d&before=" + (System.currentTimeMillis()
                    - 10 * DAY_MS) + ":zzzz");
            pages.put("keys (own, 100 keys)", "/console/keys");
            pages.put("channels", "/console/admin/channels");
            System.out.printf("%-40s %10s %10s%n", "page", "p50 ms", "p95 ms");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                URI uri = URI.create("http://127.0.0.1:" + gateway.port() + page.getValue());
                double[] times = new double[20];
                for (int i = -3; i < times.length; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Cookie", cookie)
                            .build(), HttpResponse.BodyHandlers.ofString());
                    double millis = (System.nanoTime() - start) / 1e6;
                    assertThat(response.statusCode()).as(page.getKey()).isEqualTo(200);
                    if (i >= 0) {
                        times[i] = millis;
                    }
                }
                Arrays.sort(times);
                System.out.printf("%-40s %10.1f %10.1f%n", page.getKey(), times[9], times[18]);
            }
            assertThat(rootId).isNotBlank();
        }
    }

    /** Writes the rows; returns root's user id (root owns 100 of the keys and a share of the requests). */
    private static String seed(Installation installation) throws Exception {
        try (Connection connection = installation.connect()) {
            connection.setAutoCommit(false);
            String rootId;
            String channelId;
            try (Statement statement = connection.createStatement()) {
                var rs = statement.executeQuery("SELECT user_id FROM users WHERE username = 'root'");
                rs.next();
                rootId = rs.getString(1);
                rs = statement.executeQuery("SELECT channel_id FROM channels WHERE name = 'main'");
                rs.next();
                channelId = rs.getString(1);
            }
            List<String> users = new ArrayList<>();
            users.add(rootId);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (user_id, username, "
                    + "password_hash, user_role, user_group, user_number, display_name) VALUES (?, ?, '', 'user', "
                    + "'default', ?, ?)")) {
                for (int u = 1; u < USERS; u++) {
                    String id = "seed-user-" + u;
                    users.add(id);
                    insert.setString(1, id);
                    insert.setString(2, "user-" + u);
                    insert.setLong(3, 1_000 + u);
                    insert.setString(4, "User " + u);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_tokens (token_id, user_id, "
                    + "name, key_digest, key_hint, models, token_number, created_at_ms) VALUES (?, ?, ?, ?, "
                    + "'sk-…seed', '[]', ?, 0)")) {
                for (int t = 0; t < TOKENS; t++) {
                    insert.setString(1, "seed-token-" + t);
                    insert.setString(2, users.get(t % USERS));
                    insert.setString(3, "key-" + t);
                    insert.setString(4, "seed-digest-" + t);
                    insert.setLong(5, 1_000 + t);
                    insert.addBatch();
                    if (t % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            long now = System.currentTimeMillis();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO request_log (request_id, "
                    + "allowance_id, user_id, token_id, model, phase, reserved_nano_usd, amount_nano_usd, "
                    + "uncovered_nano_usd, billed_model, upstream_model, channel_id, input_tokens, cached_tokens, "
                    + "cache_write_tokens, output_tokens, reasoning_tokens, basis, price_version, reserved_at_ms) "
                    + "VALUES (?, 'seed', ?, ?, ?, 'posted', 100000, ?, 0, ?, ?, ?, ?, ?, 0, ?, 0, 'upstream', 1, ?)")) {
                for (int r = 0; r < REQUESTS; r++) {
                    int token = (int) ((r * 7919L) % TOKENS);
                    String model = MODELS.get(r % MODELS.size());
                    insert.setString(1, String.format("req_seed%024d", r));
                    insert.setString(2, users.get(token % USERS));
                    insert.setString(3, "seed-token-" + token);
                    insert.setString(4, model);
                    insert.setLong(5, 1_000 + r % 5_000);
                    insert.setString(6, model);
                    insert.setString(7, model);
                    insert.setString(8, channelId);
                    insert.setLong(9, 500 + r % 700);
                    insert.setLong(10, r % 3 == 0 ? 300 : 0);
                    insert.setLong(11, 100 + r % 400);
                    // Spread over 30 days, newest now.
                    insert.setLong(12, now - (long) ((double) r / REQUESTS * 30 * DAY_MS));
                    insert.addBatch();
                    if (r % 10_000 == 9_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            // The rollups the projection keeps beside the log, summed from it.
            for (String granularity : List.of("hour", "day")) {
                long size = granularity.equals("hour") ? 3_600_000L : DAY_MS;
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO usage_rollups (granularity, bucket_start_ms, model, user_id, "
                            + "token_id, channel_id, requests, input_tokens, cached_tokens, cache_write_tokens, "
                            + "output_tokens, amount_nano_usd) SELECT '" + granularity + "', reserved_at_ms - "
                            + "(reserved_at_ms % " + size + "), model, user_id, token_id, channel_id, COUNT(*), "
                            + "SUM(input_tokens), SUM(cached_tokens), SUM(cache_write_tokens), SUM(output_tokens), "
                            + "SUM(amount_nano_usd) FROM request_log WHERE allowance_id = 'seed' GROUP BY "
                            + "reserved_at_ms - (reserved_at_ms % " + size + "), model, user_id, token_id, channel_id");
                }
                connection.commit();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            } catch (java.sql.SQLException notEveryDatabase) {
                connection.rollback();
            }
            connection.commit();
            return rootId;
        }
    }
}
