-- Allowances (tranches of wallets spent by one node each) and the request log with every request's receipt.

CREATE TABLE allowances (
    allowance_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id           VARCHAR(64)  NOT NULL,
    token_id          VARCHAR(64)  NOT NULL,
    owner_node        VARCHAR(128) NOT NULL,
    granted_nano_usd  BIGINT       NOT NULL,
    closed            BOOLEAN      NOT NULL,
    returned          BOOLEAN      NOT NULL
);
CREATE INDEX allowances_owner ON allowances (owner_node, returned);

CREATE TABLE request_log (
    request_id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    allowance_id                 VARCHAR(64)  NOT NULL,
    user_id                      VARCHAR(64)  NOT NULL,
    token_id                     VARCHAR(64)  NOT NULL,
    model                        VARCHAR(255) NOT NULL,
    phase                        VARCHAR(16)  NOT NULL,
    reserved_nano_usd            BIGINT       NOT NULL,
    amount_nano_usd              BIGINT       NOT NULL,
    uncovered_nano_usd           BIGINT       NOT NULL,
    billed_model                 VARCHAR(255),
    upstream_model               VARCHAR(255),
    channel_id                   VARCHAR(64),
    input_tokens                 BIGINT,
    cached_tokens                BIGINT,
    cache_write_tokens           BIGINT,
    output_tokens                BIGINT,
    reasoning_tokens             BIGINT,
    basis                        VARCHAR(16),
    price_version                INTEGER,
    group_ratio_millionths       BIGINT,
    cache_ratio_millionths       BIGINT,
    cache_write_ratio_millionths BIGINT,
    reason                       VARCHAR(255),
    reserved_at_ms               BIGINT       NOT NULL
);
CREATE INDEX request_log_token ON request_log (token_id);

CREATE TABLE token_spending (
    token_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    spent_nano_usd   BIGINT      NOT NULL,
    requests         BIGINT      NOT NULL
);
