@x402
Feature: An agent pays per request with x402
  An AI agent with a wallet and no account calls LLM402, is answered 402 with payment terms for the request's
  maximum cost, signs a USDC authorization, retries and is served. This runs against the real protocol stack, offline:
  a local chain (anvil) with Circle's USDC contract, the reference facilitator of @x402/evm, and the unmodified
  client, @x402/fetch. agent-model costs 1.00 / 2.00 USD per 1M input / output tokens; its upstream reports 100 prompt
  and 50 completion tokens, so a completion is charged 200,000 nano-USD.

  Background:
    Given the gateway runs with x402 on a local chain

  Scenario: An agent without an API key is told what the request costs
    When an agent without a key asks "agent-model" for a completion of at most 1000 tokens and does not pay
    Then the answer is 402 in OpenAI's error shape with code "payment_required"
    And the PAYMENT-REQUIRED header offers "exact" on the local chain in USDC to the operator, valid for 300 seconds
    And the same request is offered exactly the same terms again

  Scenario: The unmodified @x402/fetch client pays for a completion
    When agent 0 pays for a completion from "agent-model" of at most 1000 tokens
    Then the answer is 200 with the completion and a PAYMENT-RESPONSE naming the settlement transaction
    And the agent's USDC balance dropped by exactly the amount of the terms, and the operator's rose by it
    And the receipt shows the payment settled, the charge of 200000 nano-USD and the rest of the payment as credit
    And the ledger has the payment deposited from x402 clearing and the charge to revenue, and still balances

  Scenario: What a payment did not cost pays for the agent's next request
    Given agent 1 paid for a completion from "agent-model" of at most 1000 tokens
    When agent 1 pays for a completion from "agent-model" of at most 100 tokens
    Then the answer is 200 with the completion and a PAYMENT-RESPONSE without a transaction
    And nothing moved on chain and the facilitator settled nothing for it
    And the receipt shows the payment covered by credit and the charge of 200000 nano-USD

  Scenario: A streamed completion is paid after the upstream answered and before its first byte
    When agent 2 pays for a streamed completion from "agent-model" of at most 1000 tokens
    Then the stream is complete and its response carried a PAYMENT-RESPONSE naming the settlement transaction
    And the agent's USDC balance dropped by exactly the amount of the terms, and the operator's rose by it
    And the receipt shows the payment settled, the charge of 200000 nano-USD and the rest of the payment as credit

  Scenario: A replayed payment costs nothing and serves nothing
    When agent 3 pays for a completion from "agent-model" of at most 1000 tokens and replays the same signature
    Then the answer is 200 with the completion and a PAYMENT-RESPONSE naming the settlement transaction
    And the replay is answered 402 with the reason "invalid_exact_evm_nonce_already_used"
    And the replay reached neither the upstream nor the facilitator
    And the agent's USDC balance dropped by exactly the amount of the terms, and the operator's rose by it

  Scenario: Concurrent copies of one payment are served once
    When agent 4 signs one payment for a completion from "agent-model" and sends it 4 times at once
    Then exactly one copy is answered 200 and the others 402 with the reason "invalid_exact_evm_nonce_already_used"
    And the upstream was called once
    And the agent's USDC balance dropped by exactly the amount of the terms, and the operator's rose by it

  Scenario: A failed upstream call is not settled
    When agent 5 pays for a completion from "down-model" of at most 1000 tokens
    Then the answer is 502 and carries no PAYMENT-RESPONSE
    And nothing moved on chain and the facilitator settled nothing for it
    And the payment is recorded as failed at stage "SERVE"

  Scenario: A payment that fails to settle after the upstream answered delivers nothing and charges nothing
    When agent 5 signs a payment for a completion from "slow-agent-model" and empties its wallet while the upstream works
    Then the answer is 402 with a failed PAYMENT-RESPONSE
    And the upstream was called once
    And the payment is recorded as failed at stage "SETTLE"

  Scenario: An agent that cannot pay is refused before the upstream is called
    When an agent without USDC pays for a completion from "agent-model" of at most 1000 tokens
    Then the answer is 402 and the new terms say why: "invalid_exact_evm_transaction_simulation_failed"
    And the upstream was not called and the facilitator settled nothing

  Scenario: A stream whose payment cannot go through never starts
    When an agent without USDC pays for a streamed completion from "agent-model" of at most 1000 tokens
    Then the answer is 402 and the new terms say why: "invalid_exact_evm_transaction_simulation_failed"
    And the upstream was not called and the facilitator settled nothing

  Scenario: An account holder tops up its balance with x402
    When agent 6 pays for a top-up of "0.50" USD for the key "sk-erin-main-0007"
    Then the top-up is answered 200 with a PAYMENT-RESPONSE naming the settlement transaction
    And the agent's USDC balance dropped by exactly 500000, and the operator's rose by it
    And the ledger has a top-up of 500000000 nano-USD into erin's wallet, and still balances
