-- The management API: new-api's numeric ids, display names and emails, deletion, management access tokens, and
-- the stamp that ends a user's sessions when their credentials change. Ids come from the position of the event
-- that created the row, which only a replay can fill in for existing rows: the access read model is emptied and its
-- processor's token removed, so it is rebuilt from the event store at the next start.
ALTER TABLE users ADD COLUMN user_number BIGINT;
ALTER TABLE users ADD COLUMN display_name VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN email VARCHAR(255);
ALTER TABLE users ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN access_token_digest VARCHAR(64);
ALTER TABLE users ADD COLUMN credentials_stamp BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN created_at_ms BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX users_number ON users (user_number);
CREATE INDEX users_email ON users (email);
CREATE UNIQUE INDEX users_access_token ON users (access_token_digest);

ALTER TABLE api_tokens ADD COLUMN token_number BIGINT;
ALTER TABLE api_tokens ADD COLUMN allow_ips TEXT;
ALTER TABLE api_tokens ADD COLUMN created_at_ms BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX api_tokens_number ON api_tokens (token_number);

DELETE FROM api_tokens;
DELETE FROM users;
DELETE FROM TokenEntry WHERE processorName = 'access';

-- What each user has spent (new-api's used_quota and request_count), filled from the request log once.
CREATE TABLE user_spending (
    user_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    spent_nano_usd  BIGINT      NOT NULL,
    requests        BIGINT      NOT NULL
);
INSERT INTO user_spending (user_id, spent_nano_usd, requests)
SELECT user_id, SUM(amount_nano_usd), COUNT(*) FROM request_log WHERE phase = 'posted' GROUP BY user_id;

-- Channels get new-api's numeric ids, a status and its reason, and may share a name (as in new-api); the catalog is
-- rebuilt from the event store at the next start to fill them in.
DROP TABLE channels;
CREATE TABLE channels (
    channel_id                     VARCHAR(64)   NOT NULL PRIMARY KEY,
    channel_number                 BIGINT,
    name                           VARCHAR(255)  NOT NULL,
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
    api_version                    VARCHAR(64),
    status                         INTEGER       NOT NULL DEFAULT 1,
    status_reason                  VARCHAR(255),
    created_at_ms                  BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX channels_number ON channels (channel_number);
DELETE FROM model_prices;
DELETE FROM price_groups;
DELETE FROM settings;
DELETE FROM TokenEntry WHERE processorName = 'catalog';

-- The management API's log and dashboard queries: newest first over everything, or over one user.
CREATE INDEX request_log_time ON request_log (reserved_at_ms, request_id);
CREATE INDEX request_log_user_time ON request_log (user_id, reserved_at_ms, request_id);

-- Redemption codes, known by the digest of their key.
CREATE TABLE redemption_codes (
    code_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    code_number      BIGINT       NOT NULL,
    name             VARCHAR(255) NOT NULL,
    key_digest       VARCHAR(64)  NOT NULL,
    key_hint         VARCHAR(32)  NOT NULL,
    amount_nano_usd  BIGINT       NOT NULL,
    status           INTEGER      NOT NULL,
    expires_at_ms    BIGINT,
    created_at_ms    BIGINT       NOT NULL,
    redeemed_at_ms   BIGINT,
    used_user_id     VARCHAR(64)
);
CREATE UNIQUE INDEX redemption_codes_number ON redemption_codes (code_number);
CREATE UNIQUE INDEX redemption_codes_key ON redemption_codes (key_digest);

-- Two-factor authentication as the login and its status page need it.
ALTER TABLE users ADD COLUMN two_factor_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN two_factor_locked_until_ms BIGINT;
ALTER TABLE users ADD COLUMN backup_codes_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN backup_codes_used VARCHAR(255) NOT NULL DEFAULT '[]';
