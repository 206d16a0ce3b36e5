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

-- name: users-count
SELECT count(*) AS n FROM users

-- name: user-id-by-username
SELECT id FROM users WHERE username = :username

-- name: user-set-site
UPDATE users SET site_id = :siteId WHERE id = :id

-- name: user-sites
SELECT id, code, name FROM sites ORDER BY name

-- One login attempt for one key ("user:…" or "ip:…"), counted before its password is checked: the count goes up
-- and the answer comes back in the same statement, under the row's lock, so parallel attempts cannot all pass the
-- check before any of them is counted. allowed is false while the key is locked or past its limit. Reaching the
-- limit locks the key; an attempt after a lock served, still inside the window, gets one more try.
-- name: login-throttle-reserve
INSERT INTO login_throttle AS t (key, failures, window_start, locked_until)
VALUES (:key, 1, now(), CASE WHEN :maxFailures <= 1 THEN now() + make_interval(secs => :lockoutSeconds) END)
ON CONFLICT (key) DO UPDATE
   SET failures = CASE
           WHEN t.locked_until > now() THEN t.failures + 1
           WHEN t.window_start < now() - make_interval(secs => :windowSeconds) THEN 1
           WHEN t.locked_until IS NOT NULL THEN :maxFailures
           ELSE t.failures + 1
       END,
       window_start = CASE
           WHEN t.locked_until > now() THEN t.window_start
           WHEN t.window_start < now() - make_interval(secs => :windowSeconds) THEN now()
           ELSE t.window_start
       END,
       locked_until = CASE
           WHEN t.locked_until > now() THEN t.locked_until
           WHEN (CASE
                     WHEN t.window_start < now() - make_interval(secs => :windowSeconds) THEN 1
                     WHEN t.locked_until IS NOT NULL THEN :maxFailures
                     ELSE t.failures + 1
                 END) >= :maxFailures
               THEN now() + make_interval(secs => :lockoutSeconds)
       END
RETURNING t.failures <= :maxFailures AS allowed

-- An attempt reserved but not to be counted (it succeeded, or another key refused it): its count is given back,
-- and the lock it may have set with it.
-- name: login-throttle-release
UPDATE login_throttle
   SET failures = failures - 1,
       locked_until = CASE WHEN failures - 1 < :maxFailures THEN NULL ELSE locked_until END
 WHERE key = :key
   AND failures > 0

-- name: login-throttle-reset
DELETE FROM login_throttle WHERE key = :key

-- name: login-throttle-purge
DELETE FROM login_throttle
 WHERE window_start < now() - make_interval(secs => :windowSeconds)
   AND (locked_until IS NULL OR locked_until < now())

-- name: user-site-by-code
SELECT id FROM sites WHERE code = :code

-- The administrator's home page: accounts by role and state, and the last changes made to accounts.
-- name: home-accounts
SELECT role, active, count(*) AS n FROM users GROUP BY role, active

-- name: home-account-events
SELECT e.at, e.kind, CAST(e.data AS text) AS data, a.username AS actor, u.username
  FROM user_events e
  JOIN users u ON u.id = e.user_id
  LEFT JOIN users a ON a.id = e.actor_id
 ORDER BY e.id DESC
 LIMIT 5
