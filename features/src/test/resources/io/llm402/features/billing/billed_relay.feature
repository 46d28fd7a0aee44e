@billing
Feature: Relaying OpenAI chat completions with exact, durable charges
  Every request reserves its maximum cost before the upstream call and is charged the exact price of what the
  upstream reported once it ends; failures cost nothing. Prices: gpt-4o-mini 0.15 / 0.60 USD per 1M input / output
  tokens, cache ratio 0.5. The simulated upstream reports 1000 prompt tokens (400 of them cached) and 200 completion
  tokens: 600 × 0.15 + 400 × 0.075 + 200 × 0.60 = 240,000 nano-USD.

  Background:
    Given the gateway runs with the billing bootstrap and the upstream simulator

  Rule: the customer pays the actual cost of what the upstream reported

    Scenario: A completion is charged the exact price
      When "sk-alice-ci-0001" asks "gpt-4o-mini" for a chat completion
      Then the answer is 200 with a request id
      And the receipt shows phase "posted", basis "upstream", channel "simulated-openai" and 240000 nano-USD
      And "sk-alice-ci-0001" finds it among its own receipts, listed with the key in x-api-key

    Scenario: A stream is charged after it ends
      When "sk-alice-ci-0001" streams a chat completion from "gpt-4o-mini"
      Then the stream ends with [DONE] and shows no usage chunk it did not ask for
      And the receipt shows phase "posted", basis "upstream", channel "simulated-openai" and 240000 nano-USD

    Scenario: A client that disconnects mid-stream pays for what the upstream produced until then
      When "sk-alice-wide-0002" streams from "slow-model" and hangs up after 5 events
      Then the receipt shows phase "posted" and basis "estimate", charged less than the whole stream would cost

    Scenario: A client that stops reading a stream is cut after a bounded time and pays for what it was sent
      When "sk-alice-wide-0002" streams from "flood-model" and stops reading after the first kilobyte
      Then within 30 seconds the receipt shows phase "posted" and basis "estimate", for less output than the stream held
      When "sk-alice-ci-0001" asks "gpt-4o-mini" for a chat completion
      Then the answer is 200 with a request id

    Scenario: An upstream that goes silent mid-stream is cut after the idle timeout
      When "sk-alice-wide-0002" streams a chat completion from "stalling-model"
      Then the stream ends with an OpenAI error event instead of [DONE]
      And the receipt shows phase "posted" and basis "estimate", charged less than the whole stream would cost

  Rule: failures cost nothing and never reach another customer

    Scenario: A failing channel fails over to the next tier, a channel whose key the upstream refuses too
      When "sk-alice-wide-0002" asks "failover-model" for a chat completion
      Then the answer is 200 with a request id
      And the receipt shows phase "posted", basis "upstream", channel "healthy" and 200000 nano-USD
      And the simulator saw 1 request on "/revoked/status=401"
      And the simulator saw 1 request on "/broken/status=503"

    Scenario: A stream fails over until its first event: an error event, then a 200 with no events at all
      When "sk-alice-wide-0002" streams a chat completion from "stream-failover-model"
      Then the stream ends with [DONE] and shows no usage chunk it did not ask for
      And the receipt shows phase "posted", basis "upstream", channel "healthy-stream" and 200000 nano-USD
      And the simulator saw 1 request on "/erring/streamError=true"
      And the simulator saw 1 request on "/empty/garbage=true"

    Scenario: A stream whose first event reached the client never retries
      When "sk-alice-wide-0002" streams a chat completion from "cut-stream-model"
      Then the stream ends with an OpenAI error event instead of [DONE]
      And the receipt shows phase "posted" and basis "estimate", charged less than the whole stream would cost
      And the simulator saw 0 requests on "/spare/prompt=100/completion=50"

    Scenario: When every channel fails the reservation is voided
      When "sk-alice-wide-0002" asks "down-model" for a chat completion
      Then the answer is 502 with an OpenAI error of type "server_error"
      And the error tells nothing of the upstream
      And the receipt shows phase "voided" and 0 nano-USD

  Rule: a request that cannot be paid or is not allowed never reaches an upstream

    Scenario: Insufficient balance is refused with 402 before any upstream call
      When "sk-bob-broke-0003" asks "gpt-4o-mini" for a chat completion
      Then the answer is 402 with an OpenAI error of type "insufficient_quota"
      And the simulator saw no request for it
      And the refusal is recorded as an event

    Scenario: A disabled API key is refused with 401
      When "sk-alice-off-0004" asks "gpt-4o-mini" for a chat completion
      Then the answer is 401 with an OpenAI error of type "invalid_request_error"
      And the simulator saw no request for it

    Scenario: The key of a disabled user is refused with 403
      When "sk-carol-main-0005" asks "gpt-4o-mini" for a chat completion
      Then the answer is 403 with an OpenAI error of type "permission_error"
      And the simulator saw no request for it

    Scenario: A model outside the token's allow-list is refused with 403
      When "sk-alice-ci-0001" asks "failover-model" for a chat completion
      Then the answer is 403 with an OpenAI error of type "permission_error"
      And the simulator saw no request for it
      And the refusal is recorded as an event

  Scenario: A channel that fails five times in a row is passed over by live traffic, and used again once it answers
    Given the upstream behind channel "flaky" goes down with HTTP 503
    When "sk-alice-wide-0002" makes 5 requests on "flaky-model"
    Then every one was answered 200 by channel "steady", and "flaky" was tried 5 times
    When "sk-alice-wide-0002" makes 5 requests on "flaky-model"
    Then every one was answered 200 by channel "steady", and "flaky" was tried 0 times
    When the upstream behind channel "flaky" answers again and 2 seconds pass
    And "sk-alice-wide-0002" makes 3 requests on "flaky-model"
    Then every one was answered 200 by channel "flaky", and "flaky" was tried 3 times
