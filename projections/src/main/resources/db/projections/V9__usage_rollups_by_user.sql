-- A user's dashboard sums their own rollups over a range: without this it would read everyone's in that range.
CREATE INDEX usage_rollups_user ON usage_rollups (granularity, user_id, bucket_start_ms);
