-- A key holder lists its own recent receipts in time order (GET /api/usage/requests?since=...).
CREATE INDEX request_log_token_time ON request_log (token_id, reserved_at_ms, request_id);
