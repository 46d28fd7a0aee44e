package io.llm402.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.features.support.X402World;
import io.llm402.gateway.x402.Authorization;
import io.llm402.gateway.x402.Eip3009;
import io.llm402.gateway.x402.Eip712Domain;
import io.llm402.gateway.x402.ExactEvmPayload;
import io.llm402.gateway.x402.PaymentPayload;
import io.llm402.gateway.x402.PaymentRequired;
import io.llm402.gateway.x402.PaymentRequirements;
import io.llm402.gateway.x402.X402Codec;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

public class AgentPaymentSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHAT = "/v1/chat/completions";
    private static final long COMPLETION_NANO_USD = 200_000;

    private X402World world;
    private X402World.Agent agent;
    private long agentBefore;
    private long operatorBefore;
    private JsonNode facilitatorBefore;
    private long upstreamBefore;
    private JsonNode paid;
    private HttpResponse<String> unpaid;
    private String unpaidBody;
    private List<HttpResponse<String>> copies;
    private long termsAmount;

    @Given("the gateway runs with x402 on a local chain")
    public void theGatewayRunsWithX402() throws Exception {
        world = X402World.get();
    }

    @When("an agent without a key asks {string} for a completion of at most {int} tokens and does not pay")
    public void anAgentDoesNotPay(String model, int maxTokens) throws Exception {
        unpaidBody = chat(model, maxTokens, false);
        unpaid = world.gateway().send("POST", CHAT, Map.of(), unpaidBody);
    }

    @Then("the answer is 402 in OpenAI's error shape with code {string}")
    public void theAnswerIs402(String code) {
        assertThat(unpaid.statusCode()).isEqualTo(402);
        JsonNode error = JSON.readTree(unpaid.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).contains("x402");
        assertThat(unpaid.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Then("the PAYMENT-REQUIRED header offers {string} on the local chain in USDC to the operator, valid for {int} "
            + "seconds")
    public void theTermsAre(String scheme, int seconds) throws Exception {
        PaymentRequired required = X402Codec.decodeRequired(
                unpaid.headers().firstValue(X402Codec.PAYMENT_REQUIRED).orElseThrow());
        assertThat(required.x402Version()).isEqualTo(2);
        assertThat(required.resource().url()).endsWith(CHAT);
        PaymentRequirements terms = required.accepts().getFirst();
        assertThat(terms.scheme()).isEqualTo(scheme);
        assertThat(terms.network()).isEqualTo(world.stack().get("network").asString());
        assertThat(terms.asset()).isEqualToIgnoringCase(world.stack().get("asset").asString());
        assertThat(terms.payTo()).isEqualToIgnoringCase(world.stack().get("payTo").asString());
        assertThat(terms.maxTimeoutSeconds()).isEqualTo(seconds);
        assertThat(terms.extra()).containsEntry("name", "USDC").containsEntry("version", "2");
        // At most 1000 output tokens at 2.00 per 1M: at least $0.002, i.e. 2000 atomic units.
        assertThat(Long.parseLong(terms.amount())).isGreaterThanOrEqualTo(2000);
    }

    @Then("the same request is offered exactly the same terms again")
    public void theSameTermsAgain() throws Exception {
        HttpResponse<String> again = world.gateway().send("POST", CHAT, Map.of(), unpaidBody);
        PaymentRequirements first = X402Codec.decodeRequired(
                unpaid.headers().firstValue(X402Codec.PAYMENT_REQUIRED).orElseThrow()).accepts().getFirst();
        PaymentRequirements second = X402Codec.decodeRequired(
                again.headers().firstValue(X402Codec.PAYMENT_REQUIRED).orElseThrow()).accepts().getFirst();
        assertThat(second).isEqualTo(first);
    }

    @Given("agent {int} paid for a completion from {string} of at most {int} tokens")
    public void agentPaid(int index, String model, int maxTokens) throws Exception {
        agentPays(index, model, maxTokens);
        assertThat(paid.path("status").asInt()).isEqualTo(200);
    }

    @When("agent {int} pays for a completion from {string} of at most {int} tokens")
    public void agentPays(int index, String model, int maxTokens) throws Exception {
        pay(index, CHAT, chat(model, maxTokens, false), List.of(), false);
    }

    @When("agent {int} pays for a streamed completion from {string} of at most {int} tokens")
    public void agentPaysForAStream(int index, String model, int maxTokens) throws Exception {
        pay(index, CHAT, chat(model, maxTokens, true), List.of(), false);
    }

    @When("agent {int} pays for a completion from {string} of at most {int} tokens and replays the same signature")
    public void agentPaysAndReplays(int index, String model, int maxTokens) throws Exception {
        pay(index, CHAT, chat(model, maxTokens, false), List.of(), true);
    }

    @When("an agent without USDC pays for a completion from {string} of at most {int} tokens")
    public void anUnfundedAgentPays(String model, int maxTokens) throws Exception {
        pay(-1, CHAT, chat(model, maxTokens, false), List.of(), false);
    }

    @When("an agent without USDC pays for a streamed completion from {string} of at most {int} tokens")
    public void anUnfundedAgentPaysForAStream(String model, int maxTokens) throws Exception {
        pay(-1, CHAT, chat(model, maxTokens, true), List.of(), false);
    }

    @Then("the answer is 402 and the new terms say why: {string}")
    public void refusedWithReason(String reason) {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(402);
        assertThat(paid.path("paymentRequired").path("error").asString()).isEqualTo(reason);
    }

    @Then("the answer is 402 with a failed PAYMENT-RESPONSE")
    public void refusedWithAFailedSettlement() {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(402);
        JsonNode response = paid.path("paymentResponse");
        assertThat(response.path("success").asBoolean(true)).as(String.valueOf(response)).isFalse();
        assertThat(response.path("errorReason").asString()).isNotBlank();
        JsonNode body = JSON.readTree(paid.path("body").asString());
        assertThat(body.path("error").path("code").asString()).isEqualTo("payment_failed");
        assertThat(body.has("choices")).as("no part of the answer is delivered").isFalse();
    }

    @Then("the upstream was not called and the facilitator settled nothing")
    public void nothingWasCalled() throws Exception {
        assertThat(world.simulator().requestCount()).isEqualTo(upstreamBefore);
        assertThat(world.facilitatorCalls().path("settle").asLong())
                .isEqualTo(facilitatorBefore.path("settle").asLong() + (paid.path("paymentResponse").isObject()
                        ? 1 : 0));
        assertThat(world.balance(agent.address())).isZero();
    }

    @When("agent {int} pays for a top-up of {string} USD for the key {string}")
    public void agentPaysForATopUp(int index, String usd, String key) throws Exception {
        pay(index, "/api/x402/topup", "{\"amount_usd\":\"" + usd + "\"}", List.of("Authorization: Bearer " + key),
                false);
    }

    @Then("the answer is 200 with the completion and a PAYMENT-RESPONSE naming the settlement transaction")
    public void servedAndSettled() {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
        assertThat(completionText()).isNotBlank();
        assertSettled(paid.path("paymentResponse"));
    }

    @Then("the answer is 200 with the completion and a PAYMENT-RESPONSE without a transaction")
    public void servedFromCredit() {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
        assertThat(completionText()).isNotBlank();
        JsonNode response = paid.path("paymentResponse");
        assertThat(response.path("success").asBoolean()).isTrue();
        assertThat(response.path("transaction").asString()).isEmpty();
        assertThat(response.path("amount").asString()).isEqualTo("0");
    }

    @Then("the stream is complete and its response carried a PAYMENT-RESPONSE naming the settlement transaction")
    public void theStreamIsPaid() {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.path("headers").path("content-type").asString()).startsWith("text/event-stream");
        assertThat(paid.path("body").asString()).contains("\"content\"").endsWith("data: [DONE]\n\n");
        assertSettled(paid.path("paymentResponse"));
    }

    @Then("the top-up is answered 200 with a PAYMENT-RESPONSE naming the settlement transaction")
    public void theTopUpIsPaid() {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(200);
        JsonNode body = JSON.readTree(paid.path("body").asString());
        assertThat(body.path("object").asString()).isEqualTo("x402_top_up");
        assertThat(body.path("amount_usd").asString()).isEqualTo("0.50");
        assertSettled(paid.path("paymentResponse"));
        assertThat(body.path("transaction").asString()).isEqualTo(paid.path("paymentResponse")
                .path("transaction").asString());
    }

    @Then("the agent's USDC balance dropped by exactly the amount of the terms, and the operator's rose by it")
    public void theBalancesMovedByTheTerms() throws Exception {
        theBalancesMovedBy(termsAmount);
    }

    @Then("the agent's USDC balance dropped by exactly {long}, and the operator's rose by it")
    public void theBalancesMovedBy(long amount) throws Exception {
        assertThat(amount).isPositive();
        assertThat(world.balance(agent.address())).isEqualTo(agentBefore - amount);
        assertThat(world.balance(world.stack().get("payTo").asString())).isEqualTo(operatorBefore + amount);
    }

    @Then("nothing moved on chain and the facilitator settled nothing for it")
    public void nothingMoved() throws Exception {
        assertThat(world.balance(agent.address())).isEqualTo(agentBefore);
        assertThat(world.balance(world.stack().get("payTo").asString())).isEqualTo(operatorBefore);
        assertThat(world.facilitatorCalls().path("settle").asLong())
                .isEqualTo(facilitatorBefore.path("settle").asLong());
    }

    @Then("the receipt shows the payment settled, the charge of {long} nano-USD and the rest of the payment as credit")
    public void theReceiptShowsPaymentChargeAndCredit(long charge) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("phase").asString()).isEqualTo("posted");
        assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(charge);
        JsonNode payment = receipt.path("payment");
        assertThat(payment.path("status").asString()).isEqualTo("credited");
        assertThat(payment.path("payer").asString()).isEqualToIgnoringCase(agent.address());
        assertThat(payment.path("transaction").asString())
                .isEqualTo(paid.path("paymentResponse").path("transaction").asString());
        long paidNano = termsAmount * 1_000;
        assertThat(usdToNano(payment.path("paid_usd").asString())).isEqualTo(paidNano);
        assertThat(usdToNano(payment.path("charged_usd").asString())).isEqualTo(charge);
        assertThat(usdToNano(payment.path("credited_usd").asString())).isEqualTo(paidNano - charge);
    }

    @Then("the receipt shows the payment covered by credit and the charge of {long} nano-USD")
    public void theReceiptShowsCredit(long charge) throws Exception {
        JsonNode receipt = receipt();
        assertThat(receipt.path("phase").asString()).isEqualTo("posted");
        assertThat(receipt.path("amount_nano_usd").asLong()).isEqualTo(charge);
        JsonNode payment = receipt.path("payment");
        assertThat(payment.path("status").asString()).isEqualTo("covered_by_credit");
        assertThat(payment.path("paid_usd").asString()).isEqualTo("0.00");
        assertThat(payment.path("transaction").isNull() || payment.path("transaction").isMissingNode()).isTrue();
    }

    @Then("the ledger has the payment deposited from x402 clearing and the charge to revenue, and still balances")
    public void theLedgerHasPaymentAndCharge() throws Exception {
        String paymentId = receipt().path("payment").path("payment_id").asString();
        String wallet = "wallet:x402:" + agent.address().toLowerCase(Locale.ROOT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(transfer(paymentId)).containsExactly("operator:x402-clearing", wallet,
                    Long.toString(termsAmount * 1_000), "X402_PAYMENT");
            List<String> charge = transfer(requestId());
            assertThat(charge.get(1)).isEqualTo("operator:revenue");
            assertThat(charge.subList(2, 4)).containsExactly(Long.toString(COMPLETION_NANO_USD), "USAGE");
            assertTrialBalance();
        });
    }

    @Then("the replay is answered 402 with the reason {string}")
    public void theReplayIsRefused(String reason) {
        JsonNode replay = paid.path("replay");
        assertThat(replay.path("status").asInt()).isEqualTo(402);
        assertThat(replay.path("paymentRequired").path("error").asString()).isEqualTo(reason);
        assertThat(JSON.readTree(replay.path("body").asString()).path("error").path("message").asString())
                .contains("already used");
    }

    @Then("the replay reached neither the upstream nor the facilitator")
    public void theReplayReachedNothing() throws Exception {
        // The paid call made one upstream request and one verify and one settle; the replay added none.
        assertThat(world.simulator().requestCount()).isEqualTo(upstreamBefore + 1);
        JsonNode calls = world.facilitatorCalls();
        assertThat(calls.path("verify").asLong()).isEqualTo(facilitatorBefore.path("verify").asLong() + 1);
        assertThat(calls.path("settle").asLong()).isEqualTo(facilitatorBefore.path("settle").asLong() + 1);
    }

    @When("agent {int} signs one payment for a completion from {string} and sends it {int} times at once")
    public void concurrentCopies(int index, String model, int count) throws Exception {
        before(index);
        String body = chat(model, 1000, false);
        String header = signedPayment(body);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(send(pool, body, header));
            }
            copies = sent.stream().map(CompletableFuture::join).toList();
        }
    }

    @When("agent {int} signs a payment for a completion from {string} and empties its wallet while the upstream works")
    public void paysThenEmptiesItsWallet(int index, String model) throws Exception {
        before(index);
        String body = chat(model, 1000, false);
        String header = signedPayment(body);
        HttpResponse<String> response;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<HttpResponse<String>> sent = send(pool, body, header);
            // Verified by the facilitator and sent upstream (which takes 3 s to answer): now the wallet is emptied.
            await().atMost(Duration.ofSeconds(10)).until(() -> world.simulator().requestCount() > upstreamBefore);
            world.drain(agent, world.agent(0).address());
            response = sent.join();
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("status", response.statusCode());
        result.put("body", response.body());
        String settlement = response.headers().firstValue(X402Codec.PAYMENT_RESPONSE).orElse(null);
        if (settlement != null) {
            result.set("paymentResponse", JSON.readTree(X402Codec.json().writeValueAsString(
                    X402Codec.decodeSettlement(settlement))));
        }
        result.putObject("headers").put("x-llm402-request-id",
                response.headers().firstValue("X-LLM402-Request-Id").orElseThrow());
        paid = result;
    }

    /** A payment signed in Java (EIP-712 with web3j) for the terms the gateway offers for {@code body}. */
    private String signedPayment(String body) throws Exception {
        HttpResponse<String> terms = world.gateway().send("POST", CHAT, Map.of(), body);
        PaymentRequired required = X402Codec.decodeRequired(
                terms.headers().firstValue(X402Codec.PAYMENT_REQUIRED).orElseThrow());
        PaymentRequirements accepted = required.accepts().getFirst();
        termsAmount = Long.parseLong(accepted.amount());
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        Authorization authorization = new Authorization(agent.address(), accepted.payTo(), accepted.amount(), "0",
                Long.toString(Instant.now().getEpochSecond() + 300), "0x" + HexFormat.of().formatHex(nonce));
        Eip712Domain domain = new Eip712Domain("USDC", "2", world.stack().get("chainId").asLong(), accepted.asset());
        String signature = Eip3009.sign(domain, authorization, agent.key());
        return X402Codec.encode(new PaymentPayload(2, required.resource(), accepted,
                new ExactEvmPayload(signature, authorization)));
    }

    private CompletableFuture<HttpResponse<String>> send(java.util.concurrent.Executor pool, String body,
                                                         String paymentHeader) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return world.gateway().send("POST", CHAT, Map.of(X402Codec.PAYMENT_SIGNATURE, paymentHeader), body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, pool);
    }

    @Then("exactly one copy is answered 200 and the others 402 with the reason {string}")
    public void exactlyOneCopyServed(String reason) throws Exception {
        assertThat(copies.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        List<HttpResponse<String>> refused = copies.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(refused).hasSize(copies.size() - 1).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(402);
            assertThat(X402Codec.decodeRequired(r.headers().firstValue(X402Codec.PAYMENT_REQUIRED).orElseThrow())
                    .error()).isEqualTo(reason);
        });
        HttpResponse<String> served = copies.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        assertSettled(JSON.readTree(X402Codec.json().writeValueAsString(X402Codec.decodeSettlement(
                served.headers().firstValue(X402Codec.PAYMENT_RESPONSE).orElseThrow()))));
    }

    @Then("the upstream was called once")
    public void theUpstreamWasCalledOnce() {
        assertThat(world.simulator().requestCount()).isEqualTo(upstreamBefore + 1);
    }

    @Then("the answer is {int} and carries no PAYMENT-RESPONSE")
    public void theAnswerCarriesNoPaymentResponse(int status) {
        assertThat(paid.path("status").asInt()).as(paid.toString()).isEqualTo(status);
        assertThat(paid.path("paymentResponse").isNull() || paid.path("paymentResponse").isMissingNode()).isTrue();
    }

    @Then("the payment is recorded as failed at stage {string}")
    public void thePaymentFailedAt(String stage) throws Exception {
        String requestId = requestId();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String recorded = world.installation().query(
                    "SELECT status, failure_stage FROM x402_payments WHERE request_id = '" + requestId + "'",
                    rows -> rows.next() ? rows.getString(1) + "/" + rows.getString(2) : "none");
            assertThat(recorded).isEqualTo("failed/" + stage);
        });
    }

    @Then("the ledger has a top-up of {long} nano-USD into erin's wallet, and still balances")
    public void theLedgerHasATopUp(long nanoUsd) throws Exception {
        String paymentId = JSON.readTree(paid.path("body").asString()).path("payment_id").asString();
        String wallet = "wallet:" + NaturalIds.userId("erin");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(transfer(paymentId)).containsExactly("operator:x402-clearing", wallet,
                    Long.toString(nanoUsd), "X402_TOP_UP");
            assertTrialBalance();
        });
    }

    private void pay(int index, String path, String body, List<String> headers, boolean replay) throws Exception {
        before(index);
        paid = world.pay(agent, path, body, headers, replay);
        if (!paid.path("signature").isNull() && !paid.path("signature").isMissingNode()) {
            termsAmount = Long.parseLong(X402Codec.decodePayment(paid.path("signature").asString()).accepted()
                    .amount());
        }
    }

    private void before(int index) throws Exception {
        agent = world.agent(index);
        agentBefore = world.balance(agent.address());
        operatorBefore = world.balance(world.stack().get("payTo").asString());
        facilitatorBefore = world.facilitatorCalls();
        upstreamBefore = world.simulator().requestCount();
    }

    private void assertSettled(JsonNode response) {
        assertThat(response.path("success").asBoolean()).as(String.valueOf(response)).isTrue();
        assertThat(response.path("transaction").asString()).matches("0x[0-9a-f]{64}");
        assertThat(response.path("network").asString()).isEqualTo(world.stack().get("network").asString());
        assertThat(response.path("payer").asString()).isEqualToIgnoringCase(agent.address());
    }

    private String completionText() {
        return JSON.readTree(paid.path("body").asString()).path("choices").path(0).path("message").path("content")
                .asString();
    }

    private String requestId() {
        return paid.path("headers").path("x-llm402-request-id").asString();
    }

    /** The receipt, asked without a key: an agent's request id is the capability to its receipt. */
    private JsonNode receipt() throws Exception {
        HttpResponse<String> response = world.gateway().send("GET", "/api/usage/requests/" + requestId(), Map.of(),
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** debit account, credit account, amount, code of one ledger transfer. */
    private List<String> transfer(String transferId) throws Exception {
        return world.installation().query("SELECT debit_account, credit_account, amount_nano_usd, code FROM "
                + "ledger_transfers WHERE transfer_id = '" + transferId + "'", rows -> rows.next()
                ? List.of(rows.getString(1), rows.getString(2), Long.toString(rows.getLong(3)), rows.getString(4))
                : List.of());
    }

    private void assertTrialBalance() throws Exception {
        List<Long> sums = world.installation().query("SELECT SUM(debits_posted_nano), SUM(credits_posted_nano) FROM "
                + "ledger_accounts", rows -> {
                    rows.next();
                    return List.of(rows.getLong(1), rows.getLong(2));
                });
        assertThat(sums.get(0)).isEqualTo(sums.get(1));
    }

    private static long usdToNano(String usd) {
        return new java.math.BigDecimal(usd).movePointRight(9).longValueExact();
    }

    private static String chat(String model, int maxTokens, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is x402?\"}]}";
    }
}
