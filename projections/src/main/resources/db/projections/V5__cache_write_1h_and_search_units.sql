-- Claude's 1-hour cache writes (priced apart from 5-minute writes) and rerank search units, on receipts.
-- Rollups count both cache-write kinds in cache_write_tokens.
ALTER TABLE request_log ADD COLUMN cache_write_1h_tokens BIGINT;
ALTER TABLE request_log ADD COLUMN search_units BIGINT;
ALTER TABLE request_log ADD COLUMN cache_write_1h_ratio_millionths BIGINT;
