@cluster
Feature: Three nodes, one database, one Hazelcast cluster: shared limits, changes seen at once, money safe when a node dies
  Three gateway processes on loopback share one PostgreSQL (or MariaDB) database and one Hazelcast cluster. Rate
  limits are counted once for the whole cluster; a key changed on one node is refused on the others at once; and a
  node killed with kill -9 under load leaves no request charged twice, no charge lost, no reservation pending: a
  survivor closes the dead node's allowances without waiting for it to come back. (The embedded SQLite database is
  single-node: there this feature is skipped.)

  Background:
    Given three gateway nodes on one shared database and one cluster, with the rate-limit bootstrap

  Scenario: A user's rate limit holds across the three nodes, and a key disabled on one node is refused on another within a second
    When "sk-ann-limited-0001" sends 12 chat requests spread round-robin over the three nodes
    Then exactly 3 of them succeed and the other 9 are refused with 429
    When "carl" logs in on the first node and creates a key
    And the key is used on the third node
    And "carl" disables the key on the first node
    Then the third node refuses the key within a second

  Scenario: A node killed with kill -9 under streaming load: every completed request charged once, the rest not at all
    When streaming requests of 3 users run over the three nodes for 14 seconds, and the second node is killed with kill -9 after 5 seconds
    Then a survivor closes every allowance of the second node while it is down
    And every completed request is charged exactly once and every cut request is expired and charged nothing
    And no reservation is pending and the ledger balances: wallets, open allowances and revenue add up to what was granted
    When the second node is started again
    Then it rejoins the cluster and what the survivor recovered is left as it was
