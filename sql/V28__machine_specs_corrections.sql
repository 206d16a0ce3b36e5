-- Specs corrected after diagnosis (issue 16, section 4; docs/inventory.md « Corriger les caractéristiques »).
--
-- A technician corrects what the diagnosis or lshw got wrong (memory added, screen measured, battery re-tested,
-- webcam found missing). Each correction is a SPECS_CORRECTED event whose data lists every changed field with its
-- value before and after: the machine's row holds the present, its history every past value.
--
-- Extended where it stands, like V19: capabilities built in parallel add their kinds with their own migrations.
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
    IF position('''SPECS_CORRECTED''' IN definition) = 0 THEN
        ALTER TABLE machine_events DROP CONSTRAINT machine_events_kind_check;
        EXECUTE 'ALTER TABLE machine_events ADD CONSTRAINT machine_events_kind_check '
                || replace(definition, 'ARRAY[', 'ARRAY[''SPECS_CORRECTED''::text, ');
    END IF;
END;
$$;

-- Whether the machine has a working webcam, as a spec the page shows and a technician corrects (the quality check
-- tests that it works). NULL: not said yet.
ALTER TABLE machines ADD COLUMN webcam boolean;
