-- Channels get several keys, each enabled or disabled on its own (by an admin or automatically), a key selection
-- mode, an automatic-disable switch, a test model and their last test. Keys move to their own table; the catalog is
-- rebuilt from the event store at the next start to fill it in.
DROP TABLE channels;
CREATE TABLE channels (
    channel_id                     VARCHAR(64)   NOT NULL PRIMARY KEY,
    channel_number                 BIGINT,
    name                           VARCHAR(255)  NOT NULL,
    channel_type                   VARCHAR(32)   NOT NULL,
    base_url                       VARCHAR(1024) NOT NULL,
    models                         TEXT          NOT NULL,
    model_mapping                  TEXT          NOT NULL,
    channel_groups                 TEXT          NOT NULL,
    priority                       INTEGER       NOT NULL,
    weight                         INTEGER       NOT NULL,
    prompt_cache_ratio_millionths  BIGINT,
    thinking_to_content            BOOLEAN       NOT NULL,
    api_version                    VARCHAR(64),
    key_selection                  VARCHAR(16)   NOT NULL DEFAULT 'RANDOM',
    auto_disable                   BOOLEAN       NOT NULL DEFAULT TRUE,
    test_model                     VARCHAR(255),
    status                         INTEGER       NOT NULL DEFAULT 1,
    status_reason                  VARCHAR(512),
    status_changed_at_ms           BIGINT,
    tested_at_ms                   BIGINT,
    response_time_ms               BIGINT,
    test_failure                   VARCHAR(512),
    created_at_ms                  BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX channels_number ON channels (channel_number);
CREATE TABLE channel_keys (
    channel_id            VARCHAR(64)  NOT NULL,
    fingerprint           VARCHAR(128) NOT NULL,
    key_position              INTEGER      NOT NULL,
    sealed_key            TEXT         NOT NULL,
    status                INTEGER      NOT NULL DEFAULT 1,
    status_reason         VARCHAR(512),
    status_changed_at_ms  BIGINT,
    PRIMARY KEY (channel_id, fingerprint)
);
DELETE FROM model_prices;
DELETE FROM price_groups;
DELETE FROM settings;
DELETE FROM TokenEntry WHERE processorName = 'catalog';
