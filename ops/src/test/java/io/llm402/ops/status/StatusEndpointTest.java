package io.llm402.ops.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.ops.testsupport.Llm402AppTest;
import io.llm402.ops.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Llm402AppTest
class StatusEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void statusReportsReadinessVersionDatabaseAndClusterMembers() throws Exception {
        HttpResponse<String> response = get("/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode envelope = JsonMapper.builder().build().readTree(response.body());
        assertThat(envelope.get("success").asBoolean()).isTrue();
        JsonNode status = envelope.get("data");
        assertThat(status.get("ready").asBoolean()).isTrue();
        assertThat(status.get("version").asString()).isNotBlank().isNotEqualTo("unknown");
        assertThat(status.get("database").asString())
                .isEqualTo(TestDatabases.kind().startsWith("postgres") ? "postgresql" : TestDatabases.kind());
        assertThat(status.get("cluster_members").asInt()).isEqualTo(1);
        assertThat(status.get("uptime_seconds").asLong()).isNotNegative();
    }

    @Test
    void healthIsServedAndMetricsAreNotPublicOnTheRelayPort() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");

        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/heapdump").statusCode()).isEqualTo(404);
    }

    @Test
    void statusRevealsNoConnectionDetails() throws Exception {
        assertThat(get("/api/status").body()).doesNotContain("jdbc:", "postgres://", "@tcp(", "password=", "127.0.0.1", ":5701");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
