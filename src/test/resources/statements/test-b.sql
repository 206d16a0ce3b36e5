-- name: second
SELECT 2
