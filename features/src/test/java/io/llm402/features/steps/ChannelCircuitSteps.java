package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.BillingWorld;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A channel's circuit on live traffic: passed over while it keeps failing, used again once it answers. */
public class ChannelCircuitSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> PREFIXES = Map.of("flaky", "/flaky/prompt=100/completion=20",
            "steady", "/steady/prompt=100/completion=20");

    private BillingWorld world;
    private final List<String> requestIds = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private long triedBefore;
    private String key;

    @Given("the upstream behind channel {string} goes down with HTTP {int}")
    public void goesDown(String channel, int status) throws Exception {
        world = BillingWorld.get();
        world.simulator().takeDown(PREFIXES.get(channel), status);
    }

    @When("{string} makes {int} requests on {string}")
    public void makesRequests(String apiKey, int count, String model) throws Exception {
        key = apiKey;
        requestIds.clear();
        statuses.clear();
        triedBefore = world.simulator().requestCount(PREFIXES.get("flaky"));
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = world.gateway().post("/v1/chat/completions", apiKey,
                    "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            statuses.add(response.statusCode());
            requestIds.add(response.headers().firstValue("X-LLM402-Request-Id").orElseThrow());
        }
    }

    @Then("every one was answered 200 by channel {string}, and {string} was tried {int} times")
    public void everyOneWasAnswered(String channel, String tried, int times) throws Exception {
        assertThat(statuses).containsOnly(200);
        for (String requestId : requestIds) {
            HttpResponse<String> receipt = world.gateway().get("/api/usage/requests/" + requestId, key);
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
            assertThat(JSON.readTree(receipt.body()).path("channel").asString()).isEqualTo(channel);
        }
        assertThat(world.simulator().requestCount(PREFIXES.get(tried)) - triedBefore).isEqualTo(times);
    }

    @When("the upstream behind channel {string} answers again and {int} seconds pass")
    public void answersAgain(String channel, int seconds) throws InterruptedException {
        world.simulator().restore(PREFIXES.get(channel));
        Thread.sleep(seconds * 1000L + 200);
    }
}
