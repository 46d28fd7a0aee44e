package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two nodes of one cluster and a login that travels between them. */
public class ClusterSessionSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ROOT_PASSWORD = Pattern.compile("log in as 'root' with password (\\S+)");

    private GatewayProcess first;
    private GatewayProcess second;
    private String cookie;
    private long userId;

    @After("@cluster")
    public void stop() throws InterruptedException {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Given("two gateway nodes on one shared database, in one cluster")
    public void twoNodes() throws Exception {
        Installation installation = new Installation();
        if (!installation.shareable()) {
            throw new TestAbortedException("the embedded SQLite database serves one node only");
        }
        int portA = freePort();
        int portB = freePort();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        Map<String, String> cluster = Map.of("HAZELCAST_MEMBERS", members, "SESSION_SECRET",
                "cluster-session-secret-0123456789", "CRYPTO_SECRET", "cluster-crypto-secret-0123456789");
        first = installation.startNode("node-a", with(cluster, "HAZELCAST_PORT", portA));
        first.awaitReady();
        second = installation.startNode("node-b", with(cluster, "HAZELCAST_PORT", portB));
        second.awaitReady();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(
                first.get("/api/status").body()).path("data").path("cluster_members").asInt()).isEqualTo(2));
    }

    @When("the operator logs in as root on the first node with the password it printed")
    public void logInOnTheFirstNode() throws Exception {
        Matcher printed = ROOT_PASSWORD.matcher(first.output() + second.output());
        assertThat(printed.find()).as("a node printed the root password").isTrue();
        HttpResponse<String> login = first.send("POST", "/api/user/login", Map.of(), JSON.writeValueAsString(
                Map.of("username", "root", "password", printed.group(1))));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        userId = JSON.readTree(login.body()).path("data").path("id").asLong();
    }

    @Then("the session works on the second node")
    public void theSessionWorksOnTheSecondNode() throws Exception {
        HttpResponse<String> self = self(second);
        assertThat(self.statusCode()).as(self.body()).isEqualTo(200);
        assertThat(JSON.readTree(self.body()).path("data").path("username").asString()).isEqualTo("root");
    }

    @When("the operator logs out on the second node")
    public void logOutOnTheSecondNode() throws Exception {
        HttpResponse<String> logout = second.send("POST", "/api/user/logout", headers(), null);
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
    }

    @Then("the first node refuses the old session cookie")
    public void theFirstNodeRefusesTheOldCookie() throws Exception {
        HttpResponse<String> self = self(first);
        assertThat(self.statusCode()).as(self.body()).isEqualTo(401);
        JsonNode envelope = JSON.readTree(self.body());
        assertThat(envelope.path("success").asBoolean()).isFalse();
    }

    private HttpResponse<String> self(GatewayProcess node) throws IOException, InterruptedException {
        return node.send("GET", "/api/user/self", headers(), null);
    }

    private Map<String, String> headers() {
        return Map.of("Cookie", cookie, "New-Api-User", Long.toString(userId));
    }

    private static Map<String, String> with(Map<String, String> base, String name, int value) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(base);
        all.put(name, Integer.toString(value));
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
