package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.features.support.GatewayProcess;
import io.llm402.features.support.Installation;
import io.llm402.ops.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public class StartingTheGatewaySteps {

    private static final String ROOT_PASSWORD_LINE = "log in as 'root' with password";

    private Installation installation;
    private GatewayProcess gateway;
    private String status;
    private long eventsAfterFirstRun;

    @After
    public void stopTheGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Given("a fresh data directory and database")
    public void aFreshInstallation() throws IOException {
        installation = new Installation();
    }

    @Given("the bootstrap file {string}")
    public void theBootstrapFile(String name) throws IOException {
        installation.useBootstrap(resource(name));
    }

    @Given("the bootstrap file {string} with {string} changed to {string}")
    public void theBootstrapFileWithAChange(String name, String from, String to) throws IOException {
        installation.useBootstrap(resource(name));
        installation.editBootstrap(from, to);
    }

    @Given("the gateway has run once")
    public void theGatewayHasRunOnce() throws Exception {
        try (GatewayProcess first = installation.start()) {
            first.awaitReady();
        }
        eventsAfterFirstRun = installation.events();
        assertThat(eventsAfterFirstRun).isPositive();
    }

    @Given("in the bootstrap file {string} is changed to {string}")
    public void inTheBootstrapFileIsChanged(String from, String to) throws IOException {
        installation.editBootstrap(from, to);
    }

    @When("the gateway starts")
    @When("the gateway starts again")
    public void theGatewayStarts() throws Exception {
        gateway = installation.start();
        status = gateway.awaitReady();
    }

    @When("the gateway is started")
    public void theGatewayIsStarted() throws IOException {
        gateway = installation.start();
    }

    @Then("its status answers ready on the database under test with one cluster member")
    public void itsStatusAnswersReady() {
        JsonNode envelope = JsonMapper.builder().build().readTree(status);
        assertThat(envelope.get("success").asBoolean()).isTrue();
        JsonNode json = envelope.get("data");
        assertThat(json.get("ready").asBoolean()).isTrue();
        String expected = switch (TestDatabases.kind()) {
            case "postgres", "postgresql" -> "postgresql";
            case "mysql", "mariadb" -> "mariadb";
            default -> "sqlite";
        };
        assertThat(json.get("database").asString()).isEqualTo(expected);
        assertThat(json.get("cluster_members").asInt()).isEqualTo(1);
    }

    @Then("it printed how to log in as root")
    public void itPrintedHowToLogInAsRoot() throws IOException {
        assertThat(gateway.output()).contains(ROOT_PASSWORD_LINE);
    }

    @Then("it did not print a root password again")
    public void itDidNotPrintARootPasswordAgain() throws IOException {
        assertThat(gateway.output()).doesNotContain(ROOT_PASSWORD_LINE).contains("0 created, 0 changed");
    }

    @Then("the event store holds events")
    public void theEventStoreHoldsEvents() throws Exception {
        assertThat(installation.events()).isPositive();
    }

    @Then("the event store holds as many events as after the first run")
    public void asManyEventsAsAfterTheFirstRun() throws Exception {
        assertThat(installation.events()).isEqualTo(eventsAfterFirstRun);
    }

    @Then("the event store holds {int} event(s) more than after the first run")
    public void moreEventsThanAfterTheFirstRun(int more) throws Exception {
        assertThat(installation.events()).isEqualTo(eventsAfterFirstRun + more);
    }

    @Then("it exits with an error naming {string}")
    public void itExitsWithAnErrorNaming(String where) throws Exception {
        assertThat(gateway.awaitExit()).isNotZero();
        assertThat(gateway.output()).contains("nothing was applied").contains(where);
    }

    @Then("the event store holds no event")
    public void theEventStoreHoldsNoEvent() throws Exception {
        assertThat(installation.events()).isZero();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(StartingTheGatewaySteps.class.getResourceAsStream(
                "/io/llm402/features/operations/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
