-- Login throttling shared by every instance: one row per throttled key, "user:<sha-256 of the
-- lower-cased username>" or "ip:<address>". The username is hashed so that what people type by
-- mistake in the username field (often a password) is not kept in clear.
CREATE TABLE login_throttle (
    key           text PRIMARY KEY CHECK (length(key) <= 120),
    failures      integer NOT NULL CHECK (failures > 0),
    window_start  timestamptz NOT NULL,
    locked_until  timestamptz
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
