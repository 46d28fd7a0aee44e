-- new-api (QuantumNous/new-api) core tables, as GORM AutoMigrate would create them on PostgreSQL.
-- Reconstructed from model/*.go struct tags (classic 2025 / v0.9.x-era columns only).
-- Toolchain per go.mod: gorm.io/gorm v1.25.2 + gorm.io/driver/postgres v1.5.2.
-- Conventions reproduced:
--   * int PK `Id` -> "id" bigserial + trailing PRIMARY KEY ("id")
--   * Go int / int64 / uint (Size 64), including gorm "type:int" (normalised to schema.Int) -> bigint
--   * string -> text ; bool -> boolean ; float64 -> decimal (GORM pg default for Float without precision)
--   * gorm.DeletedAt -> timestamptz ; explicit type:... tags copied verbatim (char(48), varchar(64), json, ...)
--   * `unique` tag -> inline UNIQUE (gorm <= 1.25.6), `uniqueIndex` -> CREATE UNIQUE INDEX
--   * string defaults rendered with single quotes; GORM quotes every identifier ("group", "key", "type" ...)
--   * the pg migrator emits CREATE [UNIQUE] INDEX IF NOT EXISTS after the table

-- ---------------------------------------------------------------- users
CREATE TABLE "users" (
  "id" bigserial,
  "username" text UNIQUE,
  "password" text NOT NULL,
  "display_name" text,
  "role" bigint DEFAULT 1,
  "status" bigint DEFAULT 1,
  "email" text,
  "github_id" text,
  "oidc_id" text,
  "wechat_id" text,
  "telegram_id" text,
  "access_token" char(32),
  "quota" bigint DEFAULT 0,
  "used_quota" bigint DEFAULT 0,
  "request_count" bigint DEFAULT 0,
  "group" varchar(64) DEFAULT 'default',
  "aff_code" varchar(32),
  "aff_count" bigint DEFAULT 0,
  "aff_quota" bigint DEFAULT 0,
  "aff_history" bigint DEFAULT 0,
  "inviter_id" bigint,
  "deleted_at" timestamptz,
  "linux_do_id" text,
  "setting" text,
  "remark" varchar(255),
  "stripe_customer" varchar(64),
  PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "idx_users_username" ON "users" ("username");
CREATE INDEX IF NOT EXISTS "idx_users_display_name" ON "users" ("display_name");
CREATE INDEX IF NOT EXISTS "idx_users_email" ON "users" ("email");
CREATE INDEX IF NOT EXISTS "idx_users_github_id" ON "users" ("github_id");
CREATE INDEX IF NOT EXISTS "idx_users_oidc_id" ON "users" ("oidc_id");
CREATE INDEX IF NOT EXISTS "idx_users_wechat_id" ON "users" ("wechat_id");
CREATE INDEX IF NOT EXISTS "idx_users_telegram_id" ON "users" ("telegram_id");
CREATE UNIQUE INDEX IF NOT EXISTS "idx_users_access_token" ON "users" ("access_token");
CREATE UNIQUE INDEX IF NOT EXISTS "idx_users_aff_code" ON "users" ("aff_code");
CREATE INDEX IF NOT EXISTS "idx_users_inviter_id" ON "users" ("inviter_id");
CREATE INDEX IF NOT EXISTS "idx_users_deleted_at" ON "users" ("deleted_at");
CREATE INDEX IF NOT EXISTS "idx_users_linux_do_id" ON "users" ("linux_do_id");
CREATE INDEX IF NOT EXISTS "idx_users_stripe_customer" ON "users" ("stripe_customer");

-- ---------------------------------------------------------------- tokens
CREATE TABLE "tokens" (
  "id" bigserial,
  "user_id" bigint,
  "key" char(48),
  "status" bigint DEFAULT 1,
  "name" text,
  "created_time" bigint,
  "accessed_time" bigint,
  "expired_time" bigint DEFAULT -1,
  "remain_quota" bigint DEFAULT 0,
  "unlimited_quota" boolean,
  "model_limits_enabled" boolean,
  "model_limits" varchar(1024) DEFAULT '',
  "allow_ips" text DEFAULT '',
  "used_quota" bigint DEFAULT 0,
  "group" text DEFAULT '',
  "deleted_at" timestamptz,
  PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "idx_tokens_user_id" ON "tokens" ("user_id");
CREATE UNIQUE INDEX IF NOT EXISTS "idx_tokens_key" ON "tokens" ("key");
CREATE INDEX IF NOT EXISTS "idx_tokens_name" ON "tokens" ("name");
CREATE INDEX IF NOT EXISTS "idx_tokens_deleted_at" ON "tokens" ("deleted_at");

-- ---------------------------------------------------------------- channels
CREATE TABLE "channels" (
  "id" bigserial,
  "type" bigint DEFAULT 0,
  "key" text NOT NULL,
  "open_ai_organization" text,
  "test_model" text,
  "status" bigint DEFAULT 1,
  "name" text,
  "weight" bigint DEFAULT 0,
  "created_time" bigint,
  "test_time" bigint,
  "response_time" bigint,
  "base_url" text DEFAULT '',
  "other" text,
  "balance" decimal,
  "balance_updated_time" bigint,
  "models" text,
  "group" varchar(64) DEFAULT 'default',
  "used_quota" bigint DEFAULT 0,
  "model_mapping" text,
  "status_code_mapping" varchar(1024) DEFAULT '',
  "priority" bigint DEFAULT 0,
  "auto_ban" bigint DEFAULT 1,
  "other_info" text,
  "tag" text,
  "setting" text,
  "param_override" text,
  "header_override" text,
  "remark" varchar(255),
  "channel_info" json,
  "settings" text,
  PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "idx_channels_name" ON "channels" ("name");
CREATE INDEX IF NOT EXISTS "idx_channels_tag" ON "channels" ("tag");

-- ---------------------------------------------------------------- options
CREATE TABLE "options" (
  "key" text,
  "value" text,
  PRIMARY KEY ("key")
);

-- ---------------------------------------------------------------- redemptions
CREATE TABLE "redemptions" (
  "id" bigserial,
  "user_id" bigint,
  "key" char(32),
  "status" bigint DEFAULT 1,
  "name" text,
  "quota" bigint DEFAULT 100,
  "created_time" bigint,
  "redeemed_time" bigint,
  "used_user_id" bigint,
  "deleted_at" timestamptz,
  "expired_time" bigint,
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "idx_redemptions_key" ON "redemptions" ("key");
CREATE INDEX IF NOT EXISTS "idx_redemptions_name" ON "redemptions" ("name");
CREATE INDEX IF NOT EXISTS "idx_redemptions_deleted_at" ON "redemptions" ("deleted_at");

-- ---------------------------------------------------------------- logs
CREATE TABLE "logs" (
  "id" bigserial,
  "user_id" bigint,
  "created_at" bigint,
  "type" bigint,
  "content" text,
  "username" text DEFAULT '',
  "token_name" text DEFAULT '',
  "model_name" text DEFAULT '',
  "quota" bigint DEFAULT 0,
  "prompt_tokens" bigint DEFAULT 0,
  "completion_tokens" bigint DEFAULT 0,
  "use_time" bigint DEFAULT 0,
  "is_stream" boolean,
  "channel_id" bigint,
  "channel_name" text,
  "token_id" bigint DEFAULT 0,
  "group" text,
  "ip" text DEFAULT '',
  "other" text,
  PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "idx_created_at_id" ON "logs" ("id","created_at");
CREATE INDEX IF NOT EXISTS "idx_logs_user_id" ON "logs" ("user_id");
CREATE INDEX IF NOT EXISTS "idx_created_at_type" ON "logs" ("created_at","type");
CREATE INDEX IF NOT EXISTS "idx_logs_username" ON "logs" ("username");
CREATE INDEX IF NOT EXISTS "index_username_model_name" ON "logs" ("model_name","username");
CREATE INDEX IF NOT EXISTS "idx_logs_token_name" ON "logs" ("token_name");
CREATE INDEX IF NOT EXISTS "idx_logs_model_name" ON "logs" ("model_name");
CREATE INDEX IF NOT EXISTS "idx_logs_channel_id" ON "logs" ("channel_id");
CREATE INDEX IF NOT EXISTS "idx_logs_token_id" ON "logs" ("token_id");
CREATE INDEX IF NOT EXISTS "idx_logs_group" ON "logs" ("group");
CREATE INDEX IF NOT EXISTS "idx_logs_ip" ON "logs" ("ip");
