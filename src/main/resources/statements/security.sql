-- name: session-insert
INSERT INTO sessions (token_hash, user_id, kind, csrf_token, expires_at)
VALUES (:tokenHash, :userId, :kind, :csrfToken, now() + make_interval(secs => :lifetimeSeconds))

-- Run on every request: positional parameters, because Helidon re-parses named ones at each execution.
-- name: session-principal
SELECT u.id, u.username, u.display_name, u.role, u.active, u.site_id, s.csrf_token, s.kind,
       s.last_seen_at < now() - interval '1 minute' AS stale
  FROM sessions s
  JOIN users u ON u.id = s.user_id
 WHERE s.token_hash = ?
   AND s.expires_at > now()
   AND s.last_seen_at > now() - make_interval(secs => ?)
   AND u.active

-- name: session-touch
UPDATE sessions SET last_seen_at = now() WHERE token_hash = :tokenHash

-- name: session-delete
DELETE FROM sessions WHERE token_hash = :tokenHash
