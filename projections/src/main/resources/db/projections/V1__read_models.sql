-- Read models rebuilt from the event store; portable SQL for SQLite, PostgreSQL and MySQL/MariaDB.
-- Lists and maps are JSON text; timestamps are epoch milliseconds; money is integer nano-USD;
-- ratios are integer millionths.

CREATE TABLE users (
    user_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    username       VARCHAR(255) NOT NULL UNIQUE,
    user_role      VARCHAR(16)  NOT NULL,
    user_group     VARCHAR(255) NOT NULL,
    password_hash  VARCHAR(255)
);

CREATE TABLE api_tokens (
    token_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id         VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    key_digest      VARCHAR(64)  NOT NULL UNIQUE,
    key_hint        VARCHAR(32)  NOT NULL,
    token_group     VARCHAR(255),
    models          TEXT         NOT NULL,
    limit_nano_usd  BIGINT,
    expires_at_ms   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE channels (
    channel_id                     VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                           VARCHAR(255)  NOT NULL UNIQUE,
    channel_type                   VARCHAR(32)   NOT NULL,
    base_url                       VARCHAR(1024) NOT NULL,
    sealed_key                     TEXT          NOT NULL,
    models                         TEXT          NOT NULL,
    model_mapping                  TEXT          NOT NULL,
    channel_groups                 TEXT          NOT NULL,
    priority                       INTEGER       NOT NULL,
    weight                         INTEGER       NOT NULL,
    prompt_cache_ratio_millionths  BIGINT,
    thinking_to_content            BOOLEAN       NOT NULL,
    api_version                    VARCHAR(64)
);

CREATE TABLE model_prices (
    model                         VARCHAR(255) NOT NULL,
    price_version                 INTEGER      NOT NULL,
    input_nano_usd_per_mtok       BIGINT       NOT NULL,
    output_nano_usd_per_mtok      BIGINT       NOT NULL,
    per_call_nano_usd             BIGINT,
    cache_ratio_millionths        BIGINT,
    cache_write_ratio_millionths  BIGINT,
    PRIMARY KEY (model, price_version)
);

CREATE TABLE price_groups (
    group_name        VARCHAR(255) NOT NULL PRIMARY KEY,
    ratio_millionths  BIGINT       NOT NULL
);

CREATE TABLE settings (
    setting_key    VARCHAR(64)   NOT NULL PRIMARY KEY,
    setting_value  VARCHAR(1024) NOT NULL
);

-- The ledger book: one row per posted transfer (its id makes replays idempotent), and per-account totals.
CREATE TABLE ledger_transfers (
    transfer_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    debit_account   VARCHAR(128) NOT NULL,
    credit_account  VARCHAR(128) NOT NULL,
    amount_nano_usd BIGINT       NOT NULL,
    code            VARCHAR(32)  NOT NULL
);

CREATE TABLE ledger_accounts (
    account_id            VARCHAR(128) NOT NULL PRIMARY KEY,
    debits_posted_nano    BIGINT       NOT NULL,
    credits_posted_nano   BIGINT       NOT NULL
);
