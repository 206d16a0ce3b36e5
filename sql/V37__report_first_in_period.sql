-- The two dashboard figures that count each machine or person once per period (issue 18; docs/reports.md,
-- "Tableau de bord d'un an"): reconditioning durations (a machine's first IN_RECONDITIONING -> READY of the period)
-- and beneficiaries served (distinct people with an assignment starting in the period). Neither adds up month by
-- month, and both read every row of the period and sorted or hashed it to find the firsts (a DISTINCT ON over the
-- year's transitions, a DISTINCT over its assignments joined to every beneficiary).
--
-- Each row below carries the date of the same machine's (same person's) previous row, in (time, id) order. A row
-- is the first of its machine (person) in a period exactly when it falls in the period and its previous row does
-- not, that is when the previous one is before the period's start or absent: the reading becomes one index range
-- with a filter, no sort, no join. Triggers keep the tables whatever the writer, in the writing transaction; a
-- back-dated row also gives its successor a new "previous". A reading never writes here.

-- One row per TRANSITION event from IN_RECONDITIONING to READY (machine_events is append-only: inserts only).
-- days: the expression report-reconditioning-days computed from the event (intake time copied by V11), as the
-- double precision that its percentile_cont read it as. Compared with the buckets' bounds (whole days) it agrees
-- with the numeric it came from: the instants are whole microseconds, so a duration is never within 1e-11 day of
-- a whole day without being on it, far above a double's rounding (1e-14 at 90 days).
CREATE TABLE report_ready_times (
    event_id    bigint PRIMARY KEY,
    machine_id  bigint NOT NULL,
    site_id     bigint NOT NULL,
    at          timestamptz NOT NULL,
    days        double precision NOT NULL,
    prev_at     timestamptz
);
CREATE INDEX report_ready_times_period ON report_ready_times (at) INCLUDE (prev_at, site_id, days);
CREATE INDEX report_ready_times_machine ON report_ready_times (machine_id, at, event_id);

-- One row per assignment, with its beneficiary's site and the three characteristics the dashboard breaks people
-- down by (kept equal to the beneficiary's by the trigger on beneficiaries below).
CREATE TABLE report_served (
    assignment_id   bigint PRIMARY KEY,
    beneficiary_id  bigint NOT NULL,
    starts_on       date NOT NULL,
    prev_starts_on  date,
    site_id         bigint NOT NULL,
    age_bracket     text NOT NULL,
    situation       text NOT NULL,
    commune         text NOT NULL
);
CREATE INDEX report_served_period ON report_served (starts_on)
    INCLUDE (prev_starts_on, site_id, age_bracket, situation, commune);
CREATE INDEX report_served_beneficiary ON report_served (beneficiary_id, starts_on, assignment_id);

-- Both tables from scratch: for this migration and for Seeder, whose COPY runs with triggers off.
CREATE FUNCTION report_first_in_period_refresh() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE report_ready_times, report_served;
    INSERT INTO report_ready_times (event_id, machine_id, site_id, at, days, prev_at)
    SELECT e.id, e.machine_id, e.machine_site_id, e.at,
           CAST(EXTRACT(EPOCH FROM (e.at - e.machine_created_at)) / 86400.0 AS double precision),
           lag(e.at) OVER (PARTITION BY e.machine_id ORDER BY e.at, e.id)
      FROM machine_events e
     WHERE e.kind = 'TRANSITION' AND e.to_state = 'READY' AND e.from_state = 'IN_RECONDITIONING';
    INSERT INTO report_served (assignment_id, beneficiary_id, starts_on, prev_starts_on, site_id, age_bracket, situation, commune)
    SELECT a.id, a.beneficiary_id, a.starts_on, lag(a.starts_on) OVER (PARTITION BY a.beneficiary_id ORDER BY a.starts_on, a.id),
           b.site_id, b.age_bracket, b.situation, b.commune
      FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id;
END;
$$;
SELECT report_first_in_period_refresh();

-- A new READY transition. The machine's row is locked already (apply_transition, which fires before this trigger
-- by name, moved its state): transitions of one machine are serialized, and each statement below sees those
-- committed before. The successor, if the new row is back-dated, now follows it.
CREATE FUNCTION report_ready_time_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prev timestamptz;
BEGIN
    PERFORM 1 FROM machines WHERE id = NEW.machine_id FOR NO KEY UPDATE;
    SELECT r.at INTO prev FROM report_ready_times r
     WHERE r.machine_id = NEW.machine_id AND (r.at, r.event_id) < (NEW.at, NEW.id)
     ORDER BY r.at DESC, r.event_id DESC LIMIT 1;
    INSERT INTO report_ready_times (event_id, machine_id, site_id, at, days, prev_at)
    VALUES (NEW.id, NEW.machine_id, NEW.machine_site_id, NEW.at,
            CAST(EXTRACT(EPOCH FROM (NEW.at - NEW.machine_created_at)) / 86400.0 AS double precision), prev);
    UPDATE report_ready_times SET prev_at = NEW.at
     WHERE event_id = (SELECT r.event_id FROM report_ready_times r
                        WHERE r.machine_id = NEW.machine_id AND (r.at, r.event_id) > (NEW.at, NEW.id)
                        ORDER BY r.at, r.event_id LIMIT 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER machine_events_ready_time AFTER INSERT ON machine_events FOR EACH ROW
    WHEN (NEW.kind = 'TRANSITION' AND NEW.to_state = 'READY' AND NEW.from_state = 'IN_RECONDITIONING')
    EXECUTE FUNCTION report_ready_time_keep();

-- Rebuilds one person's chain (their assignments in order, each with the previous start).
CREATE FUNCTION report_served_rebuild(person bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM report_served WHERE beneficiary_id = person;
    INSERT INTO report_served (assignment_id, beneficiary_id, starts_on, prev_starts_on, site_id, age_bracket, situation, commune)
    SELECT a.id, a.beneficiary_id, a.starts_on, lag(a.starts_on) OVER (ORDER BY a.starts_on, a.id),
           b.site_id, b.age_bracket, b.situation, b.commune
      FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id
     WHERE a.beneficiary_id = person;
END;
$$;

-- A new assignment: locking its beneficiary's row serializes the assignments of one person and orders them with
-- a change of the person's characteristics (the trigger on beneficiaries): either that change commits first and
-- the row below copies the new values, or it waits for this transaction and then updates this row too.
-- An assignment moved to another person or date, or deleted (no request does either today): its people's chains
-- are rebuilt.
CREATE FUNCTION report_served_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    b beneficiaries%ROWTYPE;
    prev date;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO b FROM beneficiaries WHERE id = NEW.beneficiary_id FOR NO KEY UPDATE;
        SELECT s.starts_on INTO prev FROM report_served s
         WHERE s.beneficiary_id = NEW.beneficiary_id AND (s.starts_on, s.assignment_id) < (NEW.starts_on, NEW.id)
         ORDER BY s.starts_on DESC, s.assignment_id DESC LIMIT 1;
        INSERT INTO report_served (assignment_id, beneficiary_id, starts_on, prev_starts_on, site_id, age_bracket, situation, commune)
        VALUES (NEW.id, NEW.beneficiary_id, NEW.starts_on, prev, b.site_id, b.age_bracket, b.situation, b.commune);
        UPDATE report_served SET prev_starts_on = NEW.starts_on
         WHERE assignment_id = (SELECT s.assignment_id FROM report_served s
                                 WHERE s.beneficiary_id = NEW.beneficiary_id AND (s.starts_on, s.assignment_id) > (NEW.starts_on, NEW.id)
                                 ORDER BY s.starts_on, s.assignment_id LIMIT 1);
        RETURN NULL;
    END IF;
    PERFORM 1 FROM beneficiaries WHERE id = OLD.beneficiary_id OR (TG_OP = 'UPDATE' AND id = NEW.beneficiary_id)
     ORDER BY id FOR NO KEY UPDATE;
    PERFORM report_served_rebuild(OLD.beneficiary_id);
    IF TG_OP = 'UPDATE' AND NEW.beneficiary_id <> OLD.beneficiary_id THEN
        PERFORM report_served_rebuild(NEW.beneficiary_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER assignments_served AFTER INSERT OR UPDATE OF beneficiary_id, starts_on OR DELETE ON assignments
    FOR EACH ROW EXECUTE FUNCTION report_served_keep();

-- A person's site or characteristics changed (the social worker's form changes the last three): their rows follow.
CREATE FUNCTION report_served_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE report_served
       SET site_id = NEW.site_id, age_bracket = NEW.age_bracket, situation = NEW.situation, commune = NEW.commune
     WHERE beneficiary_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER beneficiaries_served AFTER UPDATE OF site_id, age_bracket, situation, commune ON beneficiaries
    FOR EACH ROW WHEN ((OLD.site_id, OLD.age_bracket, OLD.situation, OLD.commune)
                       IS DISTINCT FROM (NEW.site_id, NEW.age_bracket, NEW.situation, NEW.commune))
    EXECUTE FUNCTION report_served_person();

ANALYZE report_ready_times;
ANALYZE report_served;
