@operations @smoke
Feature: Starting the gateway
  An operator starts LLM402 with nothing but a JDK, optionally with a bootstrap file that declares groups, prices,
  users, tokens and channels. Applying the file leaves events; applying it again changes nothing.

  Background:
    Given a fresh data directory and database

  Scenario: The gateway starts, applies its bootstrap file and reports its status
    Given the bootstrap file "design-example.yaml"
    When the gateway starts
    Then its status answers ready on the database under test with one cluster member
    And it printed how to log in as root
    And the event store holds events

  Scenario: Restarting with the same bootstrap file appends no event
    Given the bootstrap file "design-example.yaml"
    And the gateway has run once
    When the gateway starts again
    Then the event store holds as many events as after the first run
    And it did not print a root password again

  Scenario: A changed bootstrap file appends only its changes
    Given the bootstrap file "design-example.yaml"
    And the gateway has run once
    And in the bootstrap file "vip: 0.8" is changed to "vip: 0.7"
    When the gateway starts again
    Then the event store holds 1 event more than after the first run

  Scenario: A malformed bootstrap file stops the start before anything is applied
    Given the bootstrap file "design-example.yaml" with "role: user" changed to "role: wizard"
    When the gateway is started
    Then it exits with an error naming "line 14, users[0].role"
    And the event store holds no event
