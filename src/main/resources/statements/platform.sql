-- name: health-check
SELECT 1

-- name: schema-history
-- Flyway's record of the applied migrations (platform/sql/ShippedMigrations compares it with the jar's).
SELECT type, version, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank
