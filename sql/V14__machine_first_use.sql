-- The impact figures credit each machine once, in the period of its first handover (issue 12, item 11;
-- docs/reports.md). Found at read time, "the first assignment of each machine" is an anti-join over every
-- assignment ever made (about 40 ms for 75 000 on the seeded dataset, and growing with the history). This
-- table keeps it instead: one row per machine ever lent or given, with its first assignment (earliest start,
-- then earliest record) and the facts the dashboard filters on. A trigger keeps it whatever the writer, like
-- the copies of V11. Nothing is rewritten in assignments, so V11's index-only scans need no new VACUUM.

CREATE TABLE machine_first_use (
    machine_id       bigint PRIMARY KEY REFERENCES machines,
    assignment_id    bigint NOT NULL REFERENCES assignments ON DELETE CASCADE,
    starts_on        date NOT NULL,
    machine_type     text NOT NULL,
    machine_site_id  bigint NOT NULL
);
CREATE INDEX machine_first_use_period ON machine_first_use (starts_on) INCLUDE (machine_type, machine_site_id);

INSERT INTO machine_first_use (machine_id, assignment_id, starts_on, machine_type, machine_site_id)
SELECT DISTINCT ON (machine_id) machine_id, id, starts_on, machine_type, machine_site_id
  FROM assignments
 ORDER BY machine_id, starts_on, id;

-- A new assignment becomes its machine's first use unless an earlier one exists; a back-dated entry
-- (a loan may start up to three months back) takes the place of a later first. An assignment moved to
-- another machine or date, or deleted (no statement does either today), has its machines worked out again.
CREATE FUNCTION machine_first_use_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO machine_first_use (machine_id, assignment_id, starts_on, machine_type, machine_site_id)
        VALUES (NEW.machine_id, NEW.id, NEW.starts_on, NEW.machine_type, NEW.machine_site_id)
        ON CONFLICT (machine_id) DO UPDATE
           SET assignment_id = EXCLUDED.assignment_id, starts_on = EXCLUDED.starts_on
         WHERE (EXCLUDED.starts_on, EXCLUDED.assignment_id) < (machine_first_use.starts_on, machine_first_use.assignment_id);
        RETURN NULL;
    END IF;
    DELETE FROM machine_first_use
     WHERE machine_id = OLD.machine_id OR (TG_OP = 'UPDATE' AND machine_id = NEW.machine_id);
    INSERT INTO machine_first_use (machine_id, assignment_id, starts_on, machine_type, machine_site_id)
    SELECT DISTINCT ON (a.machine_id) a.machine_id, a.id, a.starts_on, a.machine_type, a.machine_site_id
      FROM assignments a
     WHERE a.machine_id = OLD.machine_id OR (TG_OP = 'UPDATE' AND a.machine_id = NEW.machine_id)
     ORDER BY a.machine_id, a.starts_on, a.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER assignments_first_use AFTER INSERT OR UPDATE OF machine_id, starts_on OR DELETE ON assignments
    FOR EACH ROW EXECUTE FUNCTION machine_first_use_keep();

ANALYZE machine_first_use;
