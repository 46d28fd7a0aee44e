-- Channels gain relay options (system prompt, parameter and header overrides, status code mapping, stream_options),
-- kept as one JSON column: NULL for a channel that changes nothing.
ALTER TABLE channels ADD COLUMN relay_options TEXT;
