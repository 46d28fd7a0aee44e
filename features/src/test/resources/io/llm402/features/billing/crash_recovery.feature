@billing @crash
Feature: A node killed mid-stream resolves every reservation on restart
  Policy: a request cut by the death of the node is not charged (its reservation expires on restart); charges that
  were posted before the crash stand, exactly once; the ledger stays balanced.

  Scenario: kill -9 during a stream, then restart
    Given a fresh gateway with the billing bootstrap and its own upstream simulator
    And "sk-alice-wide-0002" has completed a request on "failover-model"
    When a stream from "slow-model" is in progress and the gateway is killed with kill -9
    And the gateway is started again on the same data
    Then the interrupted request is "expired" and charged 0 nano-USD
    And the completed request is charged 200000 nano-USD, once
    And no reservation is pending, every allowance is returned and debits equal credits

  # On demand (about 12 s per kill, 4 minutes here): ./mvnw verify -Dcucumber.filter.tags=@nightly [-Dllm402.test.db=postgres]
  @nightly
  Scenario: Twenty kill -9 mid-stream in a row leave an exact ledger
    Given a fresh gateway with the billing bootstrap and its own upstream simulator
    And "sk-alice-wide-0002" has completed a request on "failover-model"
    When a stream from "slow-model" is killed with kill -9 mid-way and the gateway restarted, 20 times
    Then every interrupted request is "expired" and charged 0 nano-USD
    And the completed request is charged 200000 nano-USD, once
    And no reservation is pending, every allowance is returned and debits equal credits

  Scenario: A graceful stop (SIGTERM) returns every allowance before the node is gone
    Given a fresh gateway with the billing bootstrap and its own upstream simulator
    And "sk-alice-wide-0002" has completed a request on "failover-model"
    When the gateway is stopped with SIGTERM
    Then every allowance it funded was returned before it stopped
