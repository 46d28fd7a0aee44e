package io.llm402.ops.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.gateway.management.ManagementRoutes;
import io.llm402.gateway.management.Route;
import io.llm402.ops.management.ManagementClient.Answer;
import io.llm402.ops.management.ManagementClient.Login;
import io.llm402.ops.testsupport.Llm402AppTest;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The management API's OpenAPI document, served by the gateway, describes every route of the route table. */
@Llm402AppTest
class OpenApiDocumentTest {

    /** The document's own routes. */
    private static final Set<String> ITSELF = Set.of("/api/openapi", "/api/openapi.yaml");

    @LocalServerPort
    int port;

    @Test
    void everyRouteOfTheTableIsInTheDocument() {
        Answer answer = new ManagementClient(port).call(Login.GUEST, "GET", "/api/openapi", null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode paths = answer.body().path("paths");
        assertThat(answer.body().path("openapi").asString()).startsWith("3.");
        for (Route route : ManagementRoutes.all()) {
            if (ITSELF.contains(route.path())) {
                continue;
            }
            assertThat(paths.path(route.path()).has(route.method().name().toLowerCase(Locale.ROOT)))
                    .as("%s is described", route).isTrue();
        }
        assertThat(paths.propertyNames()).as("nothing but the management API").allMatch(p -> p.startsWith("/api/"));
    }
}
