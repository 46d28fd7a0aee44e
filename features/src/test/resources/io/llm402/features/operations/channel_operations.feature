@channels
Feature: Channel operations as new-api operators run them
  An operator runs channels with several upstream keys. When the upstream revokes one key, the gateway disables that
  key alone, with the upstream's reason and without ever showing the key, and the channel carries on with the others.
  A channel whose last key dies is disabled with it; once the key works again, the scheduled channel test brings the
  channel back without anyone touching it.

  Background:
    Given a gateway with no bootstrap file, an upstream simulator and root logged in
    And root turns on automatic disabling of channels
    And root has a balance and an API key for "gpt-4o-mini" and "solo-model"

  Scenario: One revoked key of three is disabled with its reason and the other two carry on
    Given root creates one channel "three-keys" for "gpt-4o-mini" with the keys "sk-one", "sk-two" and "sk-three" taken in turn
    When the upstream revokes "sk-two"
    And root sends 9 chat completions for "gpt-4o-mini"
    Then every one of them was answered 200
    And key 1 of "three-keys" is disabled automatically, for "HTTP 401 invalid_api_key", and no key appears in the channel
    And "three-keys" is still enabled
    When root sends 6 chat completions for "gpt-4o-mini"
    Then every one of them was answered 200
    And the upstream saw 3 requests with "sk-one", 3 with "sk-three" and none with "sk-two"

  Scenario: A channel whose only key dies is disabled, and a scheduled test brings it back once the key works again
    Given root creates one channel "solo" for "solo-model" with the key "sk-solo"
    When the upstream revokes "sk-solo"
    And root sends 1 chat completion for "solo-model"
    Then "solo" is disabled automatically, for "All keys are disabled"
    When root turns on automatic enabling and a channel test every 3 seconds
    And the upstream accepts "sk-solo" again
    Then within 20 seconds "solo" is enabled again, with its test's response time recorded
    And root sends 1 chat completion for "solo-model"
    And every one of them was answered 200
    And testing "solo" on demand passes

  Scenario: A channel's system prompt, parameter override and header override reach the upstream
    Given root creates the channel "tuned" for "solo-model" under "/tuned" with the key "sk-tuned", the system prompt "Answer in French.", the parameter override '{"temperature":0.1}' and the header "X-Tenant" set to "{api_key}-tenant"
    When root sends 1 chat completion for "solo-model"
    Then every one of them was answered 200
    And the upstream's last request under "/tuned" began with the system message "Answer in French.", asked for temperature 0.1 and carried "X-Tenant" set to "sk-tuned-tenant"
