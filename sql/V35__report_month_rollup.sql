-- Monthly rollup of the dashboard's flows and donors (issue 18; docs/reports.md, "Mois clos").
-- The one-year dashboard aggregated every dated row of the year (about 400 000 events, assignments and machines
-- on the seeded base) at each reading. A closed month's figures are written here once, by the primary (the
-- reports' job calls report_roll_month, never a reading), and the dashboard reads rolled months from here and
-- every other month (the current one, a month not rolled yet) from the raw rows: its figures never depend on
-- the job having run.
-- Months are cut in Europe/Paris, as ReportPeriod.ZONE cuts them.
--
-- Writers of the current month touch nothing shared: only a row dated in an already rolled month (import,
-- correction, back-dated entry) updates that month's rollup, in its own transaction, by the triggers below.
-- Rolling and such a row are made race-free by one advisory lock per month: the roll takes it exclusively,
-- a writer takes it shared (writers never wait for each other), then looks whether the month is rolled.
-- Either the writer commits first and the roll, which reads after taking the lock, sees its row; or the roll
-- commits first and the writer, which reads the rolled flag after taking the lock, adds its row to the rollup.

CREATE TABLE report_rolled_months (
    month      date PRIMARY KEY CHECK (extract(day FROM month) = 1),
    rolled_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per (month, site, figure, type), the figures of the statement report-flows: RECEIVED, READY,
-- PARTS, SCRAPPED (with kg), LENT, GIVEN_DIRECT, CONVERTED_TO_GIFT, RETURNED.
CREATE TABLE report_month_flows (
    month    date NOT NULL REFERENCES report_rolled_months ON DELETE CASCADE,
    site_id  bigint NOT NULL,
    figure   text NOT NULL,
    type     text NOT NULL,
    n        bigint NOT NULL,
    kg       numeric NOT NULL,
    PRIMARY KEY (month, site_id, figure, type)
);

-- Machines received per donation and site: a donation's count is then "donations with a row", across
-- sites or for one, without double counting a donation whose machines went to two sites.
CREATE TABLE report_month_donations (
    month        date NOT NULL REFERENCES report_rolled_months ON DELETE CASCADE,
    site_id      bigint NOT NULL,
    donation_id  bigint NOT NULL,
    donor_id     bigint NOT NULL,
    machines     bigint NOT NULL,
    PRIMARY KEY (month, donation_id, site_id)
);

CREATE FUNCTION report_month_of(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
    SELECT CAST(date_trunc('month', at AT TIME ZONE 'Europe/Paris') AS date)
$$;

-- The two-key form of the advisory lock: its own space, apart from the one-key locks of imports.
CREATE FUNCTION report_month_lock_key(month date) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CAST(extract(year FROM month) * 100 + extract(month FROM month) AS integer)
$$;

-- Rolls one month (first day) from the raw rows; false when it was rolled already. Each statement of a
-- PL/pgSQL function takes a new snapshot (READ COMMITTED): the reads below see every writer that held the
-- shared lock before this exclusive one was granted.
CREATE FUNCTION report_roll_month(m date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    from_at timestamptz := CAST(m AS timestamp) AT TIME ZONE 'Europe/Paris';
    to_at   timestamptz := CAST(m + interval '1 month' AS timestamp) AT TIME ZONE 'Europe/Paris';
    last_day date := CAST(m + interval '1 month' - interval '1 day' AS date);
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('parc.report-month'), report_month_lock_key(m));
    IF EXISTS (SELECT 1 FROM report_rolled_months WHERE month = m) THEN
        RETURN false;
    END IF;
    INSERT INTO report_rolled_months (month) VALUES (m);
    INSERT INTO report_month_flows (month, site_id, figure, type, n, kg)
    SELECT m, f.site_id, f.figure, f.type, count(*), COALESCE(sum(f.kg), 0)
      FROM (
            SELECT mc.site_id, 'RECEIVED' AS figure, mc.type, CAST(NULL AS numeric) AS kg
              FROM donations d JOIN machines mc ON mc.donation_id = d.id
             WHERE d.received_on BETWEEN m AND last_day
            UNION ALL
            SELECT e.machine_site_id, e.to_state, e.machine_type,
                   CASE WHEN e.to_state = 'SCRAPPED' THEN CAST(e.data ->> 'weightKg' AS numeric) END
              FROM machine_events e
             WHERE e.kind = 'TRANSITION' AND e.to_state IN ('READY', 'PARTS', 'SCRAPPED')
               AND e.at >= from_at AND e.at < to_at
            UNION ALL
            SELECT a.machine_site_id,
                   CASE WHEN a.kind = 'LOAN' OR c.assignment_id IS NOT NULL THEN 'LENT' ELSE 'GIVEN_DIRECT' END,
                   a.machine_type, NULL
              FROM assignments a
              LEFT JOIN (SELECT DISTINCT assignment_id FROM assignment_events WHERE kind = 'CONVERTED_TO_GIFT') c
                     ON c.assignment_id = a.id
             WHERE a.starts_on BETWEEN m AND last_day
            UNION ALL
            SELECT a.machine_site_id, x.kind, a.machine_type, NULL
              FROM assignment_events x JOIN assignments a ON a.id = x.assignment_id
             WHERE x.kind IN ('CONVERTED_TO_GIFT', 'RETURNED') AND x.at >= from_at AND x.at < to_at
           ) f
     GROUP BY f.site_id, f.figure, f.type;
    INSERT INTO report_month_donations (month, site_id, donation_id, donor_id, machines)
    SELECT m, mc.site_id, d.id, d.donor_id, count(*)
      FROM donations d JOIN machines mc ON mc.donation_id = d.id
     WHERE d.received_on BETWEEN m AND last_day
     GROUP BY mc.site_id, d.id, d.donor_id;
    RETURN true;
END;
$$;

-- Forgets a rolled month: the dashboard reads it from the raw rows again until the job rolls it anew. For the
-- changes no request makes today (a machine's type, site or donation, a donation's date or donor, an
-- assignment's date or machine, a deletion), which would otherwise need the old row's share taken back; it
-- waits for the writers of the month like a roll.
CREATE FUNCTION report_unroll_month(m date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('parc.report-month'), report_month_lock_key(m));
    DELETE FROM report_rolled_months WHERE month = m;
END;
$$;

-- Adds one row's share (n = 1, or -1 to take it back) to a month's figures if the month is rolled (the shared
-- lock: see the top of the file); true when it did.
CREATE FUNCTION report_add_flow(m date, site bigint, fig text, machine_type text, kg numeric, n integer DEFAULT 1)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('parc.report-month'), report_month_lock_key(m));
    IF NOT EXISTS (SELECT 1 FROM report_rolled_months WHERE month = m) THEN
        RETURN false;
    END IF;
    INSERT INTO report_month_flows AS f (month, site_id, figure, type, n, kg)
    VALUES (m, site, fig, machine_type, n, COALESCE(kg, 0))
    ON CONFLICT (month, site_id, figure, type) DO UPDATE SET n = f.n + EXCLUDED.n, kg = f.kg + EXCLUDED.kg;
    RETURN true;
END;
$$;

-- An assignment counts as lent (LENT) when it is a loan or was converted to a gift, else as given outright
-- (GIVEN_DIRECT), in the month it starts: the definition of report-flows.
CREATE FUNCTION report_assignment_figure(kind text, converted boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN kind = 'LOAN' OR converted THEN 'LENT' ELSE 'GIVEN_DIRECT' END
$$;

-- Moves an assignment from one figure to the other in its start month. A conversion changes the kind first and
-- writes its event next (loans/GiftConversions): each step moves what it changes, so the figure is right after
-- each statement, and the shared lock taken at the first step keeps the month from rolling in between.
CREATE FUNCTION report_move_assignment(a assignments, from_figure text, to_figure text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    m date := CAST(date_trunc('month', a.starts_on) AS date);
BEGIN
    IF from_figure <> to_figure AND report_add_flow(m, a.machine_site_id, from_figure, a.machine_type, NULL, -1) THEN
        PERFORM report_add_flow(m, a.machine_site_id, to_figure, a.machine_type, NULL, 1);
    END IF;
END;
$$;

-- Row triggers with a WHEN clause: a row the dashboard does not count (most events) costs nothing, and the
-- current month's rows only take a shared lock and read one row of report_rolled_months.
CREATE FUNCTION report_rollup_machine_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_add_flow(report_month_of(NEW.at), NEW.machine_site_id, NEW.to_state, NEW.machine_type,
                            CASE WHEN NEW.to_state = 'SCRAPPED' THEN CAST(NEW.data ->> 'weightKg' AS numeric) END);
    RETURN NULL;
END;
$$;
CREATE TRIGGER machine_events_rollup AFTER INSERT ON machine_events FOR EACH ROW
    WHEN (NEW.kind = 'TRANSITION' AND NEW.to_state IN ('READY', 'PARTS', 'SCRAPPED'))
    EXECUTE FUNCTION report_rollup_machine_event();

-- A new assignment has no conversion yet: a loan is LENT, a gift GIVEN_DIRECT.
CREATE FUNCTION report_rollup_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    converted boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM report_add_flow(CAST(date_trunc('month', NEW.starts_on) AS date), NEW.machine_site_id,
                                report_assignment_figure(NEW.kind, false), NEW.machine_type, NULL);
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.kind <> NEW.kind AND OLD.starts_on = NEW.starts_on THEN
        converted := EXISTS (SELECT 1 FROM assignment_events x WHERE x.assignment_id = NEW.id AND x.kind = 'CONVERTED_TO_GIFT');
        PERFORM report_move_assignment(NEW, report_assignment_figure(OLD.kind, converted),
                                       report_assignment_figure(NEW.kind, converted));
    END IF;
    IF TG_OP = 'DELETE' OR OLD.machine_id <> NEW.machine_id OR OLD.starts_on <> NEW.starts_on
       OR OLD.machine_type <> NEW.machine_type OR OLD.machine_site_id <> NEW.machine_site_id THEN
        PERFORM report_unroll_month(CAST(date_trunc('month', OLD.starts_on) AS date));
        IF TG_OP = 'UPDATE' THEN
            PERFORM report_unroll_month(CAST(date_trunc('month', NEW.starts_on) AS date));
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER assignments_rollup AFTER INSERT ON assignments FOR EACH ROW
    EXECUTE FUNCTION report_rollup_assignment();
CREATE TRIGGER assignments_rollup_change AFTER UPDATE OF kind, machine_id, starts_on, machine_type, machine_site_id
    OR DELETE ON assignments FOR EACH ROW EXECUTE FUNCTION report_rollup_assignment();

-- A return or a conversion counts in its own month; the first conversion of an assignment whose kind is already
-- GIFT also moves it from GIVEN_DIRECT to LENT in its start month (see report_move_assignment).
CREATE FUNCTION report_rollup_assignment_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a assignments%ROWTYPE;
BEGIN
    SELECT * INTO a FROM assignments WHERE id = NEW.assignment_id;
    PERFORM report_add_flow(report_month_of(NEW.at), a.machine_site_id, NEW.kind, a.machine_type, NULL);
    IF NEW.kind = 'CONVERTED_TO_GIFT' AND NOT EXISTS (SELECT 1 FROM assignment_events x WHERE x.assignment_id = a.id
                                                          AND x.kind = 'CONVERTED_TO_GIFT' AND x.id < NEW.id) THEN
        PERFORM report_move_assignment(a, report_assignment_figure(a.kind, false), 'LENT');
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER assignment_events_rollup AFTER INSERT ON assignment_events FOR EACH ROW
    WHEN (NEW.kind IN ('CONVERTED_TO_GIFT', 'RETURNED'))
    EXECUTE FUNCTION report_rollup_assignment_event();

-- A machine entered into a donation of a rolled month: received, and its donation's machines.
CREATE FUNCTION report_rollup_machine() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d donations%ROWTYPE;
    m date;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM report_unroll_month(CAST(date_trunc('month', x.received_on) AS date))
           FROM donations x WHERE x.id = OLD.donation_id OR (TG_OP = 'UPDATE' AND x.id = NEW.donation_id);
        RETURN NULL;
    END IF;
    SELECT * INTO d FROM donations WHERE id = NEW.donation_id;
    m := CAST(date_trunc('month', d.received_on) AS date);
    IF report_add_flow(m, NEW.site_id, 'RECEIVED', NEW.type, NULL) THEN
        INSERT INTO report_month_donations AS r (month, site_id, donation_id, donor_id, machines)
        VALUES (m, NEW.site_id, d.id, d.donor_id, 1)
        ON CONFLICT (month, donation_id, site_id) DO UPDATE SET machines = r.machines + 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER machines_rollup AFTER INSERT ON machines FOR EACH ROW EXECUTE FUNCTION report_rollup_machine();
CREATE TRIGGER machines_rollup_change AFTER UPDATE OF type, site_id, donation_id OR DELETE ON machines
    FOR EACH ROW EXECUTE FUNCTION report_rollup_machine();

CREATE FUNCTION report_rollup_donation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_unroll_month(CAST(date_trunc('month', OLD.received_on) AS date));
    IF TG_OP = 'UPDATE' THEN
        PERFORM report_unroll_month(CAST(date_trunc('month', NEW.received_on) AS date));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER donations_rollup_change AFTER UPDATE OF received_on, donor_id OR DELETE ON donations
    FOR EACH ROW EXECUTE FUNCTION report_rollup_donation();
