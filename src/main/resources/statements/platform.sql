-- name: health-check
SELECT 1
