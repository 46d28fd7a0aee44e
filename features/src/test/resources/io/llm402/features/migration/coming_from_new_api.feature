@newapi
Feature: Coming from new-api in one command
  An operator switching from new-api points `import-new-api` at new-api's database. A dry run says what would come
  over and writes nothing; the import brings users, keys, balances, channels, prices and codes over as events; a
  second run changes nothing. Afterwards customers keep their `sk-` keys, users their passwords, and every balance is
  what it was in new-api, in USD.

  Scenario: Old keys, passwords and balances keep working after the import, and a second import changes nothing
    Given a new-api database with new-api's own schema, filled by its operator:
      | users       | root (root, 1000 USD), alice (user, 2.50 USD, password "alice-old-pass"), bob (deleted) |
      | keys        | alice's key for gpt-4o-mini                                                         |
      | channels    | "upstream" for gpt-4o-mini with 2 keys, the second disabled automatically; a Vertex one |
      | options     | ModelRatio gpt-4o-mini 0.075, CompletionRatio 4, GroupRatio default 1, RetryTimes 2, SMTPServer |
      | redemptions | one unused code worth 5 USD                                                         |
    When the operator runs "import-new-api --dry-run" on it
    Then it reports 3 users read, 2 to import and 1 skipped as deleted, the Vertex channel not supported, SMTPServer not understood, and 1009.50 USD in new-api of which 1002.50 come over
    And nothing was written
    When the operator runs "import-new-api" on it
    Then it ends successfully, having created what it planned
    When the operator runs "import-new-api" on it
    Then it ends successfully, with nothing created and nothing changed
    When the gateway starts on the imported data
    Then alice logs in with her new-api password "alice-old-pass"
    And alice's old key relays a chat completion for "gpt-4o-mini" through the imported channel, charged at the imported price
    And her key also works without its "sk-" prefix
    And the upstream saw only the enabled key of "upstream"
    And alice's balance is 2.50 USD less what she was charged, root's is 1000 USD, and the trial balance is zero
    And alice redeems the imported code for 5 USD
