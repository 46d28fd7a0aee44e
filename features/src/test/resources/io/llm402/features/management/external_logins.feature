@management @logins
Feature: Logging in with GitHub, LINUX DO, OIDC or Telegram, and binding another way to log in
  An operator turns the external logins on with new-api's option names and registers the gateway with each provider
  at new-api's callback URLs. A person's browser follows the redirects (the gateway's start, the provider, the
  callback) and ends in the console, logged in. The providers here are loopback stand-ins that check what the real
  ones check: one-time codes, the client's credentials, the redirect URI, PKCE, and for OIDC an ID token signed by
  the provider's key.

  Background:
    Given a gateway whose root turned on the GitHub, LINUX DO, OIDC and Telegram logins

  Scenario Outline: A new user logs in with <provider> and lands in the console
    When a browser logs in with <provider> as the account <subject> named "<name>"
    Then the browser is in the console, logged in as "<name>"
    And the user "<name>" has a <provider> binding

    Examples:
      | provider | subject | name       |
      | GitHub   | 583231  | octocat    |
      | LINUX DO | 4242    | lindy      |
      | OIDC     | sub-77  | oidc-olive |

  Scenario: LINUX DO refuses an account below the minimum trust level
    When a browser logs in with LINUX DO as the account 4243 named "newbie" at trust level 0
    Then the browser is on the login page with the error "trust level 0 is below the minimum 1"

  Scenario: A user with a password binds GitHub, then logs in with it
    Given the user "alice" with the password "alice-password-1"
    When "alice" starts a GitHub bind and her browser logs in with GitHub as the account 9001 named "alice-gh"
    Then the browser is in the console with GitHub bound
    When a new browser logs in with GitHub as the account 9001 named "alice-gh"
    Then the browser is in the console, logged in as "alice"

  Scenario: A user binds Telegram and logs in with a signed payload once
    Given the user "bob" with the password "bob-password-1"
    When "bob" starts a Telegram bind and his browser sends the widget's payload for Telegram id 70001
    Then the browser is in the console with Telegram bound
    When the widget's login for Telegram id 70001 is sent
    Then that login answers as "bob"
    And the same payload sent again is refused

  Scenario: new-api's own console logs in with GitHub through its callback page
    When new-api's console logs in with GitHub as the account 583300 named "spa-octo"
    Then the callback page is answered with the user "spa-octo", logged in
    And the user "spa-octo" shows the GitHub id 583300
