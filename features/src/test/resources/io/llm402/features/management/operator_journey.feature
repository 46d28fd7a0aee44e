@management
Feature: Running LLM402 from new-api's management API
  An operator coming from new-api starts LLM402 with no configuration file, logs in as root with the password it
  printed, and runs everything over the management API new-api's console and scripts use: a channel, a price, a
  user with a balance, a key for that user. The key relays; the request shows in the logs and the totals, to the admin
  with its channel and to the user without; a redeemed code raises the user's balance, to the nano-dollar.

  Scenario: From the printed root password to a relayed, logged and billed request
    Given a gateway started with no bootstrap file and an upstream simulator
    When the operator logs in as root with the password the gateway printed
    And root creates an OpenAI channel to the simulator serving "gpt-4o-mini"
    And root sets the model ratio of "gpt-4o-mini" to 0.075 and its completion ratio to 4
    And root creates the user "alice" with the password "alice-password-1"
    And root sets the balance of "alice" to 500000 quota
    And "alice" logs in with the password "alice-password-1" and creates an API key named "ci"
    And "alice" sends a chat completion for "gpt-4o-mini" with that key
    Then the chat completion is answered
    And root's request log shows the request of "alice" for "gpt-4o-mini" on that channel, with its charge
    And root's dashboard data counts 1 request for "gpt-4o-mini"
    And root finds the request by searching the log for "4o-mini" and in the group "default"
    And the own log of "alice" shows the request without its channel
    And the balance of "alice" is 1.00 USD less that charge
    When root issues a redemption code worth 250000 quota
    And "alice" redeems it
    Then the balance of "alice" is 1.50 USD less that charge
