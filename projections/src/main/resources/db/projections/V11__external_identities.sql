-- External logins (GitHub, LINUX DO, OIDC, Telegram): one row per bound identity, keyed like its aggregate.
CREATE TABLE external_identities (
    identity_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    provider         VARCHAR(16)  NOT NULL,
    issuer           VARCHAR(512) NOT NULL,
    subject          VARCHAR(255) NOT NULL,
    user_id          VARCHAR(64)  NOT NULL,
    display          VARCHAR(255) NOT NULL,
    bound_at_ms      BIGINT       NOT NULL,
    last_login_at_ms BIGINT
);
CREATE INDEX external_identities_user ON external_identities (user_id);
