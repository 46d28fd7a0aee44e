@limits
Feature: new-api's model request rate limit: per user, failures counted, answered in the caller's format
  The bootstrap file sets new-api's options: 3 requests a minute per user (failures included) and, for the "vip"
  group, 2 successful requests a minute; and at most 4 requests in flight per key. A refused request gets 429 in its own format with Retry-After, is recorded as
  a rejected request, and never reaches an upstream.

  Background:
    Given a gateway whose bootstrap sets the model request rate limit, with its own upstream simulator

  Scenario: The total counts failures, and the refusal comes in each client's format
    When "sk-ann-limited-0001" sends a malformed chat request
    And "sk-ann-limited-0001" sends 2 chat requests
    Then the upstream has been called 2 times
    And the next OpenAI, Claude and Gemini requests of "sk-ann-limited-0001" are each refused with 429 in their own format
    And each refusal says "at most 3 requests within 1 minute(s), failures included" and gives a Retry-After
    And 3 rate-limited rejections are recorded
    And the upstream has been called 2 times

  Scenario: A group's success limit counts only successful requests
    When "sk-vic-vip-0002" sends a malformed chat request
    And "sk-vic-vip-0002" sends 2 chat requests
    Then the next chat request of "sk-vic-vip-0002" is refused with 429 saying "at most 2 requests within 1 minute(s)"

  Scenario: A key has at most 4 requests in flight at once; a stream holds its slot until it ends
    When "sk-pat-parallel-0006" holds 4 streams open
    Then another request of "sk-pat-parallel-0006" is refused with 429 "at most 4 at once" and Retry-After 1
    And once its streams have ended "sk-pat-parallel-0006" is served again
