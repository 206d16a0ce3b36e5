-- name: user-credentials
SELECT id, username, display_name, role, active, site_id, password_hash
  FROM users
 WHERE username = :username

-- name: user-by-id
SELECT id, username, display_name, role, active, site_id
  FROM users
 WHERE id = :id

-- name: users-all
SELECT id, username, display_name, role, active, site_id
  FROM users
 ORDER BY active DESC, username

-- name: user-insert
INSERT INTO users (username, display_name, role, password_hash)
VALUES (:username, :displayName, :role, :passwordHash)
RETURNING id

-- name: user-lock
SELECT id, username, display_name, role, active, site_id
  FROM users
 WHERE id = :id
   FOR UPDATE

-- name: user-set-role
UPDATE users SET role = :role WHERE id = :id

-- name: user-set-password
UPDATE users SET password_hash = :passwordHash WHERE id = :id

-- name: user-set-active
UPDATE users SET active = :active WHERE id = :id

-- name: user-event-insert
INSERT INTO user_events (user_id, actor_id, kind, data)
VALUES (:userId, :actorId, :kind, CAST(:data AS jsonb))

-- name: user-events
SELECT e.at, e.kind, CAST(e.data AS text) AS data, a.username AS actor
  FROM user_events e
  LEFT JOIN users a ON a.id = e.actor_id
 WHERE e.user_id = :userId
 ORDER BY e.id

-- name: sessions-revoke-user
DELETE FROM sessions WHERE user_id = :userId

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

-- name: users-count
SELECT count(*) AS n FROM users

-- name: user-id-by-username
SELECT id FROM users WHERE username = :username

-- name: user-set-site
UPDATE users SET site_id = :siteId WHERE id = :id

-- name: user-sites
SELECT id, code, name FROM sites ORDER BY name
