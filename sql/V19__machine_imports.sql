-- Importing an existing inventory from a spreadsheet (issue 16, section 5; docs/imports.md).
--
-- Each machine an import creates starts its history with an IMPORTED event instead of INTAKE: who imported it,
-- when, from which import and row, and the state it entered the inventory in (to_state, from_state NULL: like an
-- intake, it is an entry, not a TRANSITION, so the reports' flows and reconditioning times, which read transitions
-- only, do not count a workshop's old stock as this month's work).
--
-- The kind list is extended where it stands rather than rewritten: capabilities built in parallel each add their
-- kinds with their own migration, applied out of order (Flyway outOfOrder), and a rewritten list would drop theirs.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(c.oid) INTO definition
      FROM pg_constraint c
     WHERE c.conrelid = 'machine_events'::regclass AND c.conname = 'machine_events_kind_check';
    IF definition IS NULL OR position('ARRAY[' IN definition) = 0 THEN
        RAISE EXCEPTION 'machine_events_kind_check has an unexpected form: %', definition;
    END IF;
    IF position('''IMPORTED''' IN definition) = 0 THEN
        ALTER TABLE machine_events DROP CONSTRAINT machine_events_kind_check;
        EXECUTE 'ALTER TABLE machine_events ADD CONSTRAINT machine_events_kind_check '
                || replace(definition, 'ARRAY[', 'ARRAY[''IMPORTED''::text, ');
    END IF;
END;
$$;

-- One row per committed import: the file's name and SHA-256 (the same file is not imported twice), how it was
-- read and mapped, and what it created. The file itself is not kept: it may name residents who gave equipment,
-- and their anonymisation must not leave a copy behind.
CREATE TABLE machine_imports (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    source          text NOT NULL CHECK (length(source) <= 200),
    mapping         jsonb NOT NULL,
    rows            int NOT NULL CHECK (rows >= 0),
    machines        int NOT NULL CHECK (machines >= 0),
    donors_created  int NOT NULL CHECK (donors_created >= 0),
    donations       int NOT NULL CHECK (donations >= 0),
    created_by      bigint NOT NULL REFERENCES users,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX machine_imports_sha256 ON machine_imports (sha256);
CREATE TRIGGER machine_imports_append_only BEFORE UPDATE OR DELETE ON machine_imports
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
