package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.features.support.LimitsWorld;
import io.llm402.ops.simulator.UpstreamSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Three nodes of one cluster: shared limits, cross-node invalidation, and a node killed under load. */
public class ClusterSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] LOAD_KEYS = {"sk-lee-load-0003", "sk-mia-load-0004", "sk-ned-load-0005"};
    /** What the bootstrap granted in all: ann, vic, carl and pat $10 each, lee, mia and ned $2 each. */
    private static final long GRANTED_NANO_USD = 46_000_000_000L;

    private UpstreamSimulator simulator;
    private Installation installation;
    private final List<GatewayProcess> nodes = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private final List<Integer> hazelcastPorts = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private String cookie;
    private long userId;
    private long tokenId;
    private String createdKey;
    /** Request ids of streams that ended with [DONE], and of streams cut before it. */
    private final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> cut = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refusedForMoney = new AtomicInteger();
    /** Streams open per node, so the kill can wait for one in flight on the second node. */
    private final AtomicIntegerArray inFlight = new AtomicIntegerArray(3);
    private long killedAtNanos;
    private long eventsWhenRecovered;
    private List<String> recoveredAllowances;

    @After("@cluster")
    public void stop() throws InterruptedException {
        for (GatewayProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Given("three gateway nodes on one shared database and one cluster, with the rate-limit bootstrap")
    public void threeNodes() throws Exception {
        installation = new Installation();
        if (!installation.shareable()) {
            throw new TestAbortedException("the embedded SQLite database serves one node only");
        }
        simulator = new UpstreamSimulator(0).start();
        installation.useBootstrap(LimitsWorld.limitsBootstrap(simulator));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hazelcastPorts.add(freePort());
            members.add("127.0.0.1:" + hazelcastPorts.get(i));
        }
        environment.put("HAZELCAST_MEMBERS", String.join(",", members));
        environment.put("SESSION_SECRET", "cluster-session-secret-0123456789");
        environment.put("CRYPTO_SECRET", "cluster-crypto-secret-0123456789");
        environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m");
        for (int i = 0; i < 3; i++) {
            nodes.add(startNode(i));
            nodes.get(i).awaitReady();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(
                nodes.getFirst().get("/api/status").body()).path("data").path("cluster_members").asInt()).isEqualTo(3));
    }

    private GatewayProcess startNode(int index) throws IOException {
        Map<String, String> own = new HashMap<>(environment);
        own.put("HAZELCAST_PORT", Integer.toString(hazelcastPorts.get(index)));
        own.put("LLM402_BOOTSTRAP", installation.bootstrapFile().toString());
        String node = "node-" + (char) ('a' + index);
        own.put("LLM402_NODE_ID", node);
        return installation.startNode(node, own);
    }

    @When("{string} sends {int} chat requests spread round-robin over the three nodes")
    public void sendsRoundRobin(String key, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = nodes.get(i % 3).post("/v1/chat/completions", key,
                    "{\"model\":\"chat-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            statuses.add(response.statusCode());
        }
    }

    @Then("exactly {int} of them succeed and the other {int} are refused with 429")
    public void exactlySucceed(int succeeded, int refused) {
        assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(succeeded);
        assertThat(statuses.stream().filter(s -> s == 429).count()).as(statuses.toString()).isEqualTo(refused);
    }

    @When("{string} logs in on the first node and creates a key")
    public void logsInAndCreatesAKey(String username) throws Exception {
        HttpResponse<String> login = nodes.getFirst().send("POST", "/api/user/login", Map.of(),
                JSON.writeValueAsString(Map.of("username", username, "password", "carl-password-0123")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        userId = JSON.readTree(login.body()).path("data").path("id").asLong();
        HttpResponse<String> created = nodes.getFirst().send("POST", "/api/token/", session(),
                JSON.writeValueAsString(Map.of("name", "cluster", "unlimited_quota", true)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode token = JSON.readTree(created.body()).path("data");
        tokenId = token.path("id").asLong();
        createdKey = token.path("key").asString();
    }

    @When("the key is used on the third node")
    public void theKeyIsUsedOnTheThirdNode() throws Exception {
        HttpResponse<String> response = nodes.get(2).post("/v1/chat/completions", createdKey,
                "{\"model\":\"chat-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @When("{string} disables the key on the first node")
    public void disablesTheKey(String username) throws Exception {
        HttpResponse<String> disabled = nodes.getFirst().send("PUT", "/api/token/?status_only=true", session(),
                JSON.writeValueAsString(Map.of("id", tokenId, "status", 2)));
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        statuses.clear();
    }

    @Then("the third node refuses the key within a second")
    public void theThirdNodeRefusesWithinASecond() {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(nodes.get(2).get("/v1/models", createdKey).statusCode()).isEqualTo(401));
        System.out.printf("the third node refused the disabled key after %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    @When("streaming requests of {int} users run over the three nodes for {int} seconds, and the second node is "
            + "killed with kill -9 after {int} seconds")
    public void streamingLoad(int users, int seconds, int killAfter) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(users * 2);
        for (int c = 0; c < users * 2; c++) {
            String key = LOAD_KEYS[c % users];
            clients.execute(() -> {
                while (System.nanoTime() < end) {
                    int index = next.getAndIncrement() % 3;
                    inFlight.incrementAndGet(index);
                    try {
                        stream(nodes.get(index), key);
                    } finally {
                        inFlight.decrementAndGet(index);
                    }
                }
            });
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(killAfter));
        // Killed while streams are in flight on it (they almost always are; this makes it certain).
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> inFlight.get(1) > 0);
        // The counter rises as a client sends; a moment more and that stream is reserved and relaying on the node.
        Thread.sleep(300);
        nodes.get(1).kill();
        killedAtNanos = System.nanoTime();
        clients.shutdown();
        assertThat(clients.awaitTermination(seconds + 60L, TimeUnit.SECONDS)).isTrue();
        assertThat(completed).as("streams completed").hasSizeGreaterThan(10);
        assertThat(cut).as("streams cut by the kill").isNotEmpty();
        // Each user's $2 is spread over three nodes' tranches; a node short of it recalls the idle rest.
        assertThat(refusedForMoney.get()).as("requests refused for want of balance").isZero();
        System.out.printf("%d streams completed, %d cut by the kill%n", completed.size(), cut.size());
    }

    /** One stream; its request id goes to completed or cut. Calls to the dead node fail to connect: no id. */
    private void stream(GatewayProcess node, String key) {
        try {
            HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions", key,
                    "{\"model\":\"stream-model\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            String requestId = response.headers().firstValue("X-LLM402-Request-Id").orElse(null);
            if (response.statusCode() != 200) {
                if (response.statusCode() == 402) {
                    refusedForMoney.incrementAndGet();
                }
                response.body().close();
                return;
            }
            boolean done = false;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.equals("data: [DONE]")) {
                        done = true;
                    }
                }
            } catch (IOException e) {
                // cut by the kill
            }
            (done ? completed : cut).add(requestId);
        } catch (IOException e) {
            // the node is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Then("a survivor closes every allowance of the second node while it is down")
    public void aSurvivorClosesTheAllowances() throws Exception {
        assertThat(count("SELECT COUNT(*) FROM allowances WHERE owner_node = 'node-b'"))
                .as("the second node had funded allowances").isPositive();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(count("SELECT COUNT(*) FROM allowances WHERE owner_node = 'node-b' AND returned = FALSE"))
                        .isZero());
        System.out.printf("a survivor recovered node-b's allowances %d ms after the kill%n",
                (System.nanoTime() - killedAtNanos) / 1_000_000);
        assertThat(nodes.getFirst().output() + nodes.get(2).output())
                .contains("Node node-b left the cluster; recovered");
    }

    @Then("every completed request is charged exactly once and every cut request is expired and charged nothing")
    public void everyRequestChargedRight() throws Exception {
        // The charges are durable already; the request log may still be moving to a survivor and catching up (the
        // dead node may have run its projection): wait for it, then check every request.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String requestId : completed) {
                assertThat(requestLog(requestId, "phase")).as(requestId).isEqualTo("posted");
            }
            for (String requestId : cut) {
                if (requestId != null) {
                    assertThat(requestLog(requestId, "phase")).as("cut request %s", requestId)
                            .isIn("expired", "posted");
                }
            }
        });
        for (String requestId : completed) {
            assertThat(count("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%UsagePostedEvent' "
                    + "AND aggregateIdentifier IN (SELECT allowance_id FROM request_log WHERE request_id = '"
                    + requestId + "')")).isPositive();
        }
        for (String requestId : cut) {
            if (requestId != null && "expired".equals(requestLog(requestId, "phase"))) {
                assertThat(requestLog(requestId, "amount_nano_usd")).isEqualTo("0");
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                count("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%UsagePostedEvent'"))
                .as("one charge event per posted request, none twice")
                .isEqualTo(count("SELECT COUNT(*) FROM request_log WHERE phase = 'posted'")));
        assertThat(nodes.getFirst().get("/api/status").statusCode()).isEqualTo(200);
    }

    @Then("no reservation is pending and the ledger balances: wallets, open allowances and revenue add up to what was granted")
    public void theLedgerBalances() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("SELECT COUNT(*) FROM request_log WHERE phase = 'reserved'")).isZero();
            assertThat(count("SELECT SUM(debits_posted_nano) - SUM(credits_posted_nano) FROM ledger_accounts"))
                    .as("debits equal credits").isZero();
            long wallets = count("SELECT COALESCE(SUM(credits_posted_nano - debits_posted_nano), 0) "
                    + "FROM ledger_accounts WHERE account_id LIKE 'wallet:%'");
            // The survivors still hold their own open tranches: money set aside for their next requests.
            long allowances = count("SELECT COALESCE(SUM(credits_posted_nano - debits_posted_nano), 0) "
                    + "FROM ledger_accounts WHERE account_id LIKE 'allowance:%'");
            long revenue = count("SELECT COALESCE(SUM(credits_posted_nano - debits_posted_nano), 0) "
                    + "FROM ledger_accounts WHERE account_id = 'operator:revenue'");
            long charged = count("SELECT COALESCE(SUM(amount_nano_usd), 0) FROM request_log WHERE phase = 'posted'");
            assertThat(revenue).as("revenue is the sum of the posted charges").isEqualTo(charged);
            assertThat(wallets + allowances + revenue).isEqualTo(GRANTED_NANO_USD);
        });
    }

    @When("the second node is started again")
    public void theSecondNodeIsStartedAgain() throws Exception {
        recoveredAllowances = installation.query("SELECT allowance_id FROM allowances WHERE owner_node = 'node-b' "
                + "ORDER BY allowance_id", rows -> {
                    List<String> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                    return ids;
                });
        eventsWhenRecovered = count("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier IN "
                + "(SELECT allowance_id FROM allowances WHERE owner_node = 'node-b')");
        nodes.set(1, startNode(1));
        nodes.get(1).awaitReady();
    }

    @Then("it rejoins the cluster and what the survivor recovered is left as it was")
    public void itRejoins() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(
                nodes.getFirst().get("/api/status").body()).path("data").path("cluster_members").asInt()).isEqualTo(3));
        String ids = String.join("','", recoveredAllowances);
        assertThat(count("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier IN ('" + ids + "')"))
                .isEqualTo(eventsWhenRecovered);
        assertThat(nodes.get(1).output()).doesNotContain("Recovered allowance");
        HttpResponse<String> again = nodes.get(1).post("/v1/chat/completions", LOAD_KEYS[0],
                "{\"model\":\"chat-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    private String requestLog(String requestId, String column) throws Exception {
        return installation.query("SELECT " + column + " FROM request_log WHERE request_id = '" + requestId + "'",
                rows -> rows.next() ? rows.getString(1) : null);
    }

    private long count(String sql) throws Exception {
        return installation.query(sql, rows -> rows.next() ? rows.getLong(1) : -1L);
    }

    private Map<String, String> session() {
        return Map.of("Cookie", cookie, "New-Api-User", Long.toString(userId));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
