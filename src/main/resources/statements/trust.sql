-- name: login-throttle-locked
SELECT count(*) AS n
  FROM login_throttle
 WHERE key IN (:userKey, :ipKey)
   AND locked_until > now()

-- name: login-throttle-fail
INSERT INTO login_throttle AS t (key, failures, window_start, locked_until)
VALUES (:key, 1, now(), CASE WHEN :maxFailures <= 1 THEN now() + make_interval(secs => :lockoutSeconds) END)
ON CONFLICT (key) DO UPDATE
   SET failures = CASE WHEN t.window_start < now() - make_interval(secs => :windowSeconds) THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN t.window_start < now() - make_interval(secs => :windowSeconds) THEN now() ELSE t.window_start END,
       locked_until = CASE
           WHEN t.locked_until > now() THEN t.locked_until
           WHEN (CASE WHEN t.window_start < now() - make_interval(secs => :windowSeconds) THEN 1 ELSE t.failures + 1 END) >= :maxFailures
               THEN now() + make_interval(secs => :lockoutSeconds)
       END

-- name: login-throttle-reset
DELETE FROM login_throttle WHERE key = :key

-- name: login-throttle-purge
DELETE FROM login_throttle
 WHERE window_start < now() - make_interval(secs => :windowSeconds)
   AND (locked_until IS NULL OR locked_until < now())
