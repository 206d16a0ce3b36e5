-- The coordinator's dashboard (docs/reports.md) counted a year of events and assignments by machine
-- type and site by joining each of them to machines: a hash of all 150 000 machines per query, spilled
-- to disk at work_mem = 4 MB, was most of its 250 ms on the seeded dataset. The machine's type, site
-- and intake time never change after intake (no statement updates them), so each dated row now
-- carries them, copied from machines when the row is written, and the reports read them from
-- covering indexes without touching machines.

ALTER TABLE machine_events
    ADD COLUMN machine_type       text,
    ADD COLUMN machine_site_id    bigint,
    ADD COLUMN machine_created_at timestamptz;
ALTER TABLE assignments
    ADD COLUMN machine_type    text,
    ADD COLUMN machine_site_id bigint;

-- Filled from machines whatever the writer sent (IntakeService, WorkshopService, labels, loans all
-- insert events): the copy cannot disagree with the machine. Seeder writes by COPY with triggers off
-- and fills the columns itself.
CREATE FUNCTION machine_event_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT m.type, m.site_id, m.created_at INTO NEW.machine_type, NEW.machine_site_id, NEW.machine_created_at
      FROM machines m WHERE m.id = NEW.machine_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER machine_events_facts BEFORE INSERT ON machine_events
    FOR EACH ROW EXECUTE FUNCTION machine_event_facts();

CREATE FUNCTION assignment_machine_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT m.type, m.site_id INTO NEW.machine_type, NEW.machine_site_id FROM machines m WHERE m.id = NEW.machine_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER assignments_machine_facts BEFORE INSERT OR UPDATE OF machine_id ON assignments
    FOR EACH ROW EXECUTE FUNCTION assignment_machine_facts();

-- Backfill. machine_events is append-only (trigger machine_events_append_only): the guard is lifted
-- for this one UPDATE only, inside this migration's transaction, which writes nothing but the copies
-- above, and put back right after.
ALTER TABLE machine_events DISABLE TRIGGER machine_events_append_only;
UPDATE machine_events e
   SET machine_type = m.type, machine_site_id = m.site_id, machine_created_at = m.created_at
  FROM machines m
 WHERE m.id = e.machine_id;
ALTER TABLE machine_events ENABLE TRIGGER machine_events_append_only;
UPDATE assignments a SET machine_type = m.type, machine_site_id = m.site_id FROM machines m WHERE m.id = a.machine_id;

ALTER TABLE machine_events
    ALTER COLUMN machine_type SET NOT NULL,
    ALTER COLUMN machine_site_id SET NOT NULL,
    ALTER COLUMN machine_created_at SET NOT NULL;
ALTER TABLE assignments
    ALTER COLUMN machine_type SET NOT NULL,
    ALTER COLUMN machine_site_id SET NOT NULL;

-- The transitions of a period with everything the flows and the reconditioning durations read:
-- index-only scans, no join. Same keys and predicate as V6's index, which it replaces.
CREATE INDEX machine_events_transitions_facts ON machine_events (to_state, at)
    INCLUDE (machine_id, from_state, machine_type, machine_site_id, machine_created_at)
    WHERE kind = 'TRANSITION';
DROP INDEX machine_events_transitions_period;

-- Assignments started in a period, with the machine's facts (lent, given, beneficiaries served).
CREATE INDEX assignments_starts_on_facts ON assignments (starts_on)
    INCLUDE (machine_id, beneficiary_id, kind, machine_type, machine_site_id);
DROP INDEX assignments_starts_on;

-- Machines received in a period: from the period's donations, index-only (replaces machines_donation).
CREATE INDEX machines_donation_facts ON machines (donation_id) INCLUDE (type, site_id);
DROP INDEX machines_donation;

-- Stock by state and type (ready stock, machines in the workshop) without reading the machines' rows.
CREATE INDEX machines_state_type ON machines (state, type) INCLUDE (site_id);

ANALYZE machine_events;
ANALYZE assignments;
ANALYZE machines;
