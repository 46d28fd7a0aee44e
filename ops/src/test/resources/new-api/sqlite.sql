-- new-api (QuantumNous/new-api) core tables, as GORM AutoMigrate would create them on SQLite.
-- Reconstructed from model/*.go struct tags (classic 2025 / v0.9.x-era columns only).
-- Toolchain per go.mod: gorm.io/gorm v1.25.2 + github.com/glebarez/sqlite v1.9.0.
-- Conventions reproduced:
--   * int PK `Id`  -> `id` integer PRIMARY KEY AUTOINCREMENT (no separate PRIMARY KEY clause)
--   * int/int64/uint (incl. gorm "type:int") -> integer ; string -> text ; bool -> numeric
--   * float64 -> real ; gorm.DeletedAt -> datetime ; explicit type:... tags copied verbatim
--   * `unique` tag -> inline UNIQUE (gorm <= 1.25.6 behaviour), `uniqueIndex` -> CREATE UNIQUE INDEX
--   * string defaults are rendered by the sqlite dialect's Explain() with double quotes ("default", "")
--   * indexes are created after the table with plain CREATE [UNIQUE] INDEX (no IF NOT EXISTS)

-- ---------------------------------------------------------------- users
CREATE TABLE `users` (
  `id` integer PRIMARY KEY AUTOINCREMENT,
  `username` text UNIQUE,
  `password` text NOT NULL,
  `display_name` text,
  `role` integer DEFAULT 1,
  `status` integer DEFAULT 1,
  `email` text,
  `github_id` text,
  `oidc_id` text,
  `wechat_id` text,
  `telegram_id` text,
  `access_token` char(32),
  `quota` integer DEFAULT 0,
  `used_quota` integer DEFAULT 0,
  `request_count` integer DEFAULT 0,
  `group` varchar(64) DEFAULT "default",
  `aff_code` varchar(32),
  `aff_count` integer DEFAULT 0,
  `aff_quota` integer DEFAULT 0,
  `aff_history` integer DEFAULT 0,
  `inviter_id` integer,
  `deleted_at` datetime,
  `linux_do_id` text,
  `setting` text,
  `remark` varchar(255),
  `stripe_customer` varchar(64)
);
CREATE INDEX `idx_users_username` ON `users`(`username`);
CREATE INDEX `idx_users_display_name` ON `users`(`display_name`);
CREATE INDEX `idx_users_email` ON `users`(`email`);
CREATE INDEX `idx_users_github_id` ON `users`(`github_id`);
CREATE INDEX `idx_users_oidc_id` ON `users`(`oidc_id`);
CREATE INDEX `idx_users_wechat_id` ON `users`(`wechat_id`);
CREATE INDEX `idx_users_telegram_id` ON `users`(`telegram_id`);
CREATE UNIQUE INDEX `idx_users_access_token` ON `users`(`access_token`);
CREATE UNIQUE INDEX `idx_users_aff_code` ON `users`(`aff_code`);
CREATE INDEX `idx_users_inviter_id` ON `users`(`inviter_id`);
CREATE INDEX `idx_users_deleted_at` ON `users`(`deleted_at`);
CREATE INDEX `idx_users_linux_do_id` ON `users`(`linux_do_id`);
CREATE INDEX `idx_users_stripe_customer` ON `users`(`stripe_customer`);

-- ---------------------------------------------------------------- tokens
CREATE TABLE `tokens` (
  `id` integer PRIMARY KEY AUTOINCREMENT,
  `user_id` integer,
  `key` char(48),
  `status` integer DEFAULT 1,
  `name` text,
  `created_time` integer,
  `accessed_time` integer,
  `expired_time` integer DEFAULT -1,
  `remain_quota` integer DEFAULT 0,
  `unlimited_quota` numeric,
  `model_limits_enabled` numeric,
  `model_limits` varchar(1024) DEFAULT "",
  `allow_ips` text DEFAULT "",
  `used_quota` integer DEFAULT 0,
  `group` text DEFAULT "",
  `deleted_at` datetime
);
CREATE INDEX `idx_tokens_user_id` ON `tokens`(`user_id`);
CREATE UNIQUE INDEX `idx_tokens_key` ON `tokens`(`key`);
CREATE INDEX `idx_tokens_name` ON `tokens`(`name`);
CREATE INDEX `idx_tokens_deleted_at` ON `tokens`(`deleted_at`);

-- ---------------------------------------------------------------- channels
CREATE TABLE `channels` (
  `id` integer PRIMARY KEY AUTOINCREMENT,
  `type` integer DEFAULT 0,
  `key` text NOT NULL,
  `open_ai_organization` text,
  `test_model` text,
  `status` integer DEFAULT 1,
  `name` text,
  `weight` integer DEFAULT 0,
  `created_time` integer,
  `test_time` integer,
  `response_time` integer,
  `base_url` text DEFAULT "",
  `other` text,
  `balance` real,
  `balance_updated_time` integer,
  `models` text,
  `group` varchar(64) DEFAULT "default",
  `used_quota` integer DEFAULT 0,
  `model_mapping` text,
  `status_code_mapping` varchar(1024) DEFAULT "",
  `priority` integer DEFAULT 0,
  `auto_ban` integer DEFAULT 1,
  `other_info` text,
  `tag` text,
  `setting` text,
  `param_override` text,
  `header_override` text,
  `remark` varchar(255),
  `channel_info` json,
  `settings` text
);
CREATE INDEX `idx_channels_name` ON `channels`(`name`);
CREATE INDEX `idx_channels_tag` ON `channels`(`tag`);

-- ---------------------------------------------------------------- options
CREATE TABLE `options` (
  `key` text,
  `value` text,
  PRIMARY KEY (`key`)
);

-- ---------------------------------------------------------------- redemptions
CREATE TABLE `redemptions` (
  `id` integer PRIMARY KEY AUTOINCREMENT,
  `user_id` integer,
  `key` char(32),
  `status` integer DEFAULT 1,
  `name` text,
  `quota` integer DEFAULT 100,
  `created_time` integer,
  `redeemed_time` integer,
  `used_user_id` integer,
  `deleted_at` datetime,
  `expired_time` integer
);
CREATE UNIQUE INDEX `idx_redemptions_key` ON `redemptions`(`key`);
CREATE INDEX `idx_redemptions_name` ON `redemptions`(`name`);
CREATE INDEX `idx_redemptions_deleted_at` ON `redemptions`(`deleted_at`);

-- ---------------------------------------------------------------- logs
CREATE TABLE `logs` (
  `id` integer PRIMARY KEY AUTOINCREMENT,
  `user_id` integer,
  `created_at` integer,
  `type` integer,
  `content` text,
  `username` text DEFAULT "",
  `token_name` text DEFAULT "",
  `model_name` text DEFAULT "",
  `quota` integer DEFAULT 0,
  `prompt_tokens` integer DEFAULT 0,
  `completion_tokens` integer DEFAULT 0,
  `use_time` integer DEFAULT 0,
  `is_stream` numeric,
  `channel_id` integer,
  `channel_name` text,
  `token_id` integer DEFAULT 0,
  `group` text,
  `ip` text DEFAULT "",
  `other` text
);
CREATE INDEX `idx_created_at_id` ON `logs`(`id`,`created_at`);
CREATE INDEX `idx_logs_user_id` ON `logs`(`user_id`);
CREATE INDEX `idx_created_at_type` ON `logs`(`created_at`,`type`);
CREATE INDEX `idx_logs_username` ON `logs`(`username`);
CREATE INDEX `index_username_model_name` ON `logs`(`model_name`,`username`);
CREATE INDEX `idx_logs_token_name` ON `logs`(`token_name`);
CREATE INDEX `idx_logs_model_name` ON `logs`(`model_name`);
CREATE INDEX `idx_logs_channel_id` ON `logs`(`channel_id`);
CREATE INDEX `idx_logs_token_id` ON `logs`(`token_id`);
CREATE INDEX `idx_logs_group` ON `logs`(`group`);
CREATE INDEX `idx_logs_ip` ON `logs`(`ip`);
