-- Usage per time bucket (minute, hour, day) x model x user x token x channel: the dashboard's data.
CREATE TABLE usage_rollups (
    granularity         VARCHAR(8)   NOT NULL,
    bucket_start_ms     BIGINT       NOT NULL,
    model               VARCHAR(255) NOT NULL,
    user_id             VARCHAR(64)  NOT NULL,
    token_id            VARCHAR(64)  NOT NULL,
    channel_id          VARCHAR(64)  NOT NULL,
    requests            BIGINT       NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    cached_tokens       BIGINT       NOT NULL,
    cache_write_tokens  BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    amount_nano_usd     BIGINT       NOT NULL,
    PRIMARY KEY (granularity, bucket_start_ms, model, user_id, token_id, channel_id)
);
