-- x402 payments: one row per claimed authorization, from claim to settlement or failure, with the credit it left.
CREATE TABLE x402_payments (
    payment_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    purpose            VARCHAR(16)  NOT NULL,
    request_id         VARCHAR(64)  NOT NULL,
    user_id            VARCHAR(64)  NOT NULL,
    network            VARCHAR(64)  NOT NULL,
    asset              VARCHAR(64)  NOT NULL,
    payer              VARCHAR(64)  NOT NULL,
    amount_atomic      VARCHAR(80)  NOT NULL,
    amount_nano_usd    BIGINT       NOT NULL,
    status             VARCHAR(24)  NOT NULL,
    tx_hash            VARCHAR(80),
    failure_stage      VARCHAR(16),
    failure_reason     VARCHAR(255),
    charged_nano_usd   BIGINT,
    credited_nano_usd  BIGINT,
    claimed_at_ms      BIGINT       NOT NULL
);
CREATE INDEX x402_payments_request ON x402_payments (request_id);
CREATE INDEX x402_payments_payer ON x402_payments (payer);
