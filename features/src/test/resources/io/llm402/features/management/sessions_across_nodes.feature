@management @cluster
Feature: A login works on every node of a cluster, and a logout ends it on every node
  Two gateway processes share one PostgreSQL (or MariaDB) database and form a Hazelcast cluster. Login sessions live
  in the cluster, so any node serves any login, and a logout on one node is a logout on all. (The embedded SQLite
  database is single-node: there this feature is skipped.)

  Scenario: Log in on one node, use the session on the other, log out there, and the old cookie is refused on the first
    Given two gateway nodes on one shared database, in one cluster
    When the operator logs in as root on the first node with the password it printed
    Then the session works on the second node
    When the operator logs out on the second node
    Then the first node refuses the old session cookie
