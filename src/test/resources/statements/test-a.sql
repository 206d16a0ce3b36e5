-- A file's own comment, before any statement.
-- name: first
SELECT 1

-- name: second
SELECT *
  FROM t
 WHERE id = :id
