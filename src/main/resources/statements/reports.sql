-- Coordinator reports: read-only SQL that a streaming replica could serve (DESIGN.md).
-- Period bounds: :fromDate/:toDate (dates, inclusive), :fromAt/:toAt (timestamps, [from, to)),
-- :zone the time zone that cuts months; :siteId null for all sites. Definitions: docs/reports.md.

-- name: report-flows
-- One raw range of the period, [:rawFromDate, :rawToDate] (RawSpan: the days before or after the rolled months,
-- or the whole period when none is rolled); its rows add up with report-flows-rolled's.
-- Received comes from the donations of the range (index-only to their machines); every other figure
-- is a dated row (event or assignment) that carries its machine's type and site (V11), so nothing here
-- reads machines.
-- Months are formatted once per group, not once per machine.
SELECT 'RECEIVED' AS figure, r.type, to_char(r.month, 'YYYY-MM') AS month, r.n, 0 AS kg
  FROM (SELECT m.type, date_trunc('month', CAST(d.received_on AS timestamp)) AS month, count(*) AS n
          FROM donations d JOIN machines m ON m.donation_id = d.id
         WHERE d.received_on BETWEEN :rawFromDate AND :rawToDate
           AND (CAST(:siteId AS bigint) IS NULL OR m.site_id = CAST(:siteId AS bigint))
         GROUP BY 1, 2) r
UNION ALL
SELECT f.figure, f.type, to_char(f.month, 'YYYY-MM'), count(*), COALESCE(sum(f.kg), 0)
  FROM (
        SELECT e.to_state AS figure, e.machine_type AS type, e.machine_site_id AS site_id,
               date_trunc('month', e.at AT TIME ZONE :zone) AS month, CAST(NULL AS numeric) AS kg
          FROM machine_events e
         WHERE e.kind = 'TRANSITION' AND e.to_state IN ('READY', 'PARTS') AND e.at >= :rawFromAt AND e.at < :rawToAt
        UNION ALL
        SELECT 'SCRAPPED', e.machine_type, e.machine_site_id, date_trunc('month', e.at AT TIME ZONE :zone),
               CAST(e.data ->> 'weightKg' AS numeric)
          FROM machine_events e
         WHERE e.kind = 'TRANSITION' AND e.to_state = 'SCRAPPED' AND e.at >= :rawFromAt AND e.at < :rawToAt
        UNION ALL
        SELECT CASE WHEN a.kind = 'LOAN' OR EXISTS (SELECT 1 FROM assignment_events c
                                                     WHERE c.assignment_id = a.id AND c.kind = 'CONVERTED_TO_GIFT' OFFSET 0)
                    THEN 'LENT' ELSE 'GIVEN_DIRECT' END,
               a.machine_type, a.machine_site_id, date_trunc('month', CAST(a.starts_on AS timestamp)), NULL
          FROM assignments a
         WHERE a.starts_on BETWEEN :rawFromDate AND :rawToDate
        UNION ALL
        -- OFFSET 0 keeps one look-up by key per row (here and in the EXISTS above): the raw span is a month or
        -- two, and a hash would read every assignment or conversion ever made.
        SELECT x.kind, a.machine_type, a.machine_site_id, date_trunc('month', x.at AT TIME ZONE :zone), NULL
          FROM assignment_events x
          JOIN LATERAL (SELECT a.machine_type, a.machine_site_id FROM assignments a WHERE a.id = x.assignment_id OFFSET 0) a
            ON true
         WHERE x.kind IN ('CONVERTED_TO_GIFT', 'RETURNED') AND x.at >= :rawFromAt AND x.at < :rawToAt
       ) f
 WHERE CAST(:siteId AS bigint) IS NULL OR f.site_id = CAST(:siteId AS bigint)
 GROUP BY f.figure, f.type, f.month

-- name: report-flows-rolled
-- The run of rolled months inside the period, [:rolledFrom, :rolledTo] (first days), from V35's rollup. What lies
-- before and after it is read raw by report-flows, once per range (RawSpan), in parallel with this.
SELECT r.figure, r.type, to_char(r.month, 'YYYY-MM') AS month, sum(r.n) AS n, sum(r.kg) AS kg
  FROM report_month_flows r
 WHERE r.month BETWEEN :rolledFrom AND :rolledTo
   AND (CAST(:siteId AS bigint) IS NULL OR r.site_id = CAST(:siteId AS bigint))
 GROUP BY r.figure, r.type, r.month

-- name: report-rolled-months
-- The months of the period whose figures V35 holds (first days).
SELECT month FROM report_rolled_months WHERE month BETWEEN :fromDate AND :toDate ORDER BY month

-- name: report-roll-month
-- Written by the primary only (the reports' job), never by a reading: V35's report_roll_month.
SELECT report_roll_month(CAST(:month AS date)) AS rolled

-- name: report-roll-first-month
-- The earliest month any dashboard figure can fall in (each through an index), for the job's first run.
SELECT LEAST((SELECT min(received_on) FROM donations), (SELECT min(starts_on) FROM assignments),
             (SELECT min(at) FROM machine_events WHERE kind = 'TRANSITION' AND to_state = 'READY'),
             (SELECT min(at) FROM machine_events WHERE kind = 'TRANSITION' AND to_state = 'PARTS'),
             (SELECT min(at) FROM machine_events WHERE kind = 'TRANSITION' AND to_state = 'SCRAPPED'),
             (SELECT min(at) FROM assignment_events WHERE kind = 'CONVERTED_TO_GIFT'),
             (SELECT min(at) FROM assignment_events WHERE kind = 'RETURNED')) AT TIME ZONE :zone AS first_at

-- name: report-stock
-- Only the states the dashboard shows (ready stock, machines in the workshop): index-only (V11).
SELECT state, type, count(*) AS n
  FROM machines
 WHERE state IN ('READY', 'RECEIVED', 'IN_DIAGNOSIS', 'IN_RECONDITIONING', 'RETURNED')
   AND (CAST(:siteId AS bigint) IS NULL OR site_id = CAST(:siteId AS bigint))
 GROUP BY state, type

-- name: report-reconditioning-days
-- A machine's first IN_RECONDITIONING -> READY of the period is the one whose previous such transition is before
-- the period or absent (V37's report_ready_times, which copies the event's time, site and days since intake):
-- one index range, no sort by machine. The six buckets (up to 7, 14, 30, 60, 90 days, more) and the median in
-- one pass; no machine gives zeros and a null median.
SELECT count(*) FILTER (WHERE r.days <= 7) AS b1,
       count(*) FILTER (WHERE r.days > 7 AND r.days <= 14) AS b2,
       count(*) FILTER (WHERE r.days > 14 AND r.days <= 30) AS b3,
       count(*) FILTER (WHERE r.days > 30 AND r.days <= 60) AS b4,
       count(*) FILTER (WHERE r.days > 60 AND r.days <= 90) AS b5,
       count(*) FILTER (WHERE r.days > 90) AS b6,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days) AS median
  FROM report_ready_times r
 WHERE r.at >= :fromAt AND r.at < :toAt AND (r.prev_at IS NULL OR r.prev_at < :fromAt)
   AND (CAST(:siteId AS bigint) IS NULL OR r.site_id = CAST(:siteId AS bigint))

-- name: report-beneficiaries
-- A site's beneficiaries are those it registered (beneficiaries.site_id). A person served in the period is counted
-- by their first assignment of the period: the one whose previous assignment starts before the period or does not
-- exist (V37's report_served, which also copies the person's site and characteristics). One index range, then
-- the four groupings in one pass.
SELECT CASE WHEN GROUPING(s.age_bracket) = 0 THEN 'AGE' WHEN GROUPING(s.situation) = 0 THEN 'SITUATION'
            WHEN GROUPING(s.commune) = 0 THEN 'COMMUNE' ELSE 'TOTAL' END AS dimension,
       CASE WHEN GROUPING(s.age_bracket) = 0 THEN s.age_bracket WHEN GROUPING(s.situation) = 0 THEN s.situation
            WHEN GROUPING(s.commune) = 0 THEN s.commune ELSE '' END AS value,
       count(*) AS n
  FROM report_served s
 WHERE s.starts_on BETWEEN :fromDate AND :toDate AND (s.prev_starts_on IS NULL OR s.prev_starts_on < :fromDate)
   AND (CAST(:siteId AS bigint) IS NULL OR s.site_id = CAST(:siteId AS bigint))
 GROUP BY GROUPING SETS ((), (s.age_bracket), (s.situation), (s.commune))

-- name: report-donors
-- Residents are private persons: their names never reach a report, they are counted together.
-- A donation falls in one month: the rolled months (V35, per donation and site) and the raw ranges never share one.
WITH per_donation AS (
    SELECT r.donation_id, r.donor_id, sum(r.machines) AS machines
      FROM report_month_donations r
     WHERE r.month BETWEEN :rolledFrom AND :rolledTo
       AND (CAST(:siteId AS bigint) IS NULL OR r.site_id = CAST(:siteId AS bigint))
     GROUP BY r.donation_id, r.donor_id
    UNION ALL
    SELECT d.id, d.donor_id, count(*)
      FROM donations d
      JOIN machines m ON m.donation_id = d.id
     WHERE (d.received_on BETWEEN :headFromDate AND :headToDate OR d.received_on BETWEEN :tailFromDate AND :tailToDate)
       AND (CAST(:siteId AS bigint) IS NULL OR m.site_id = CAST(:siteId AS bigint))
     GROUP BY d.id, d.donor_id
), per_donor AS (
    SELECT donor_id, count(*) AS donations, sum(machines) AS machines FROM per_donation GROUP BY donor_id
)
SELECT CASE WHEN o.kind = 'RESIDENT' THEN NULL ELSE o.name END AS name, o.kind,
       sum(p.donations) AS donations, sum(p.machines) AS machines
  FROM per_donor p JOIN donors o ON o.id = p.donor_id
 GROUP BY 1, 2
 ORDER BY machines DESC, name
 LIMIT 50

-- name: report-first-use
-- Machines put back into use for the first time in the period: their first assignment ever (loan or
-- gift) starts in it (machine_first_use, V14). The impact figures credit each machine once, there
-- (docs/reports.md): lent, returned and lent again is still one second life.
SELECT machine_type AS type, count(*) AS n
  FROM machine_first_use
 WHERE starts_on BETWEEN :fromDate AND :toDate
   AND (CAST(:siteId AS bigint) IS NULL OR machine_site_id = CAST(:siteId AS bigint))
 GROUP BY machine_type

-- name: report-first-use-refresh
-- For Seeder, whose COPY runs with triggers off: every machine's first assignment, as V14's trigger keeps it.
-- (report-first-in-period-refresh does the same for V37's tables.)
INSERT INTO machine_first_use (machine_id, assignment_id, starts_on, machine_type, machine_site_id)
SELECT DISTINCT ON (machine_id) machine_id, id, starts_on, machine_type, machine_site_id
  FROM assignments
 ORDER BY machine_id, starts_on, id
ON CONFLICT (machine_id) DO UPDATE
   SET assignment_id = EXCLUDED.assignment_id, starts_on = EXCLUDED.starts_on
 WHERE (EXCLUDED.starts_on, EXCLUDED.assignment_id) < (machine_first_use.starts_on, machine_first_use.assignment_id)

-- name: report-first-in-period-refresh
-- For Seeder, whose COPY runs with triggers off: V37's tables rebuilt from every transition and assignment.
SELECT report_first_in_period_refresh()

-- name: report-export-machines
SELECT m.tag, m.type, m.brand, m.model, m.serial, m.state, m.grade, s.code AS site, d.id AS donation_id,
       d.received_on, o.kind AS donor_kind, CASE WHEN o.kind = 'RESIDENT' THEN NULL ELSE o.name END AS donor_name,
       m.cpu, m.ram_gb, m.os_name, m.updated_at
  FROM machines m
  JOIN donations d ON d.id = m.donation_id
  JOIN donors o ON o.id = d.donor_id
  JOIN sites s ON s.id = m.site_id
 WHERE d.received_on BETWEEN :fromDate AND :toDate
   AND (CAST(:siteId AS bigint) IS NULL OR m.site_id = CAST(:siteId AS bigint))
 ORDER BY m.id

-- name: report-export-assignments
-- No names, no contact: a beneficiary appears as a number, an age bracket, a situation and a commune.
SELECT a.id, m.tag, m.type, a.kind, a.status, a.starts_on, a.due_on, a.ended_on,
       (SELECT min(x.at) FROM assignment_events x WHERE x.assignment_id = a.id AND x.kind = 'CONVERTED_TO_GIFT') AS converted_at,
       a.beneficiary_id, b.age_bracket, b.situation, b.commune, s.code AS site
  FROM assignments a
  JOIN machines m ON m.id = a.machine_id
  JOIN beneficiaries b ON b.id = a.beneficiary_id
  JOIN sites s ON s.id = m.site_id
 WHERE a.starts_on BETWEEN :fromDate AND :toDate
   AND (CAST(:siteId AS bigint) IS NULL OR m.site_id = CAST(:siteId AS bigint))
 ORDER BY a.id

-- name: report-donation-donor
SELECT n.id, n.received_on, n.note, o.name AS donor_name, o.kind AS donor_kind, o.contact_name,
       s.name AS site_name, s.address AS site_address
  FROM donations n
  JOIN donors o ON o.id = n.donor_id
  JOIN sites s ON s.id = n.site_id
 WHERE n.id = :id

-- name: report-donation-machines
SELECT m.id, m.tag, m.type, m.brand, m.model, m.serial, m.state, m.grade
  FROM machines m
 WHERE m.donation_id = :id
 ORDER BY m.id

-- name: report-donation-erasures
-- Every machine of the donation, once per storage device with its latest erasure record (if any), or once alone
-- when it has no device on record, then with the technician's no-storage statement unless a device recorded
-- later withdrew it: the erasure certificate leaves no machine out. A later handover does not cancel the statement
-- here (it does at the workshop's gate): the donor's data was gone before the machine's first reuse.
-- An erasure imported from a tool's own output (nwipe log or certificate) cites the archived file, name and SHA-256.
SELECT m.tag, m.type AS machine_type, m.state AS machine_state, sd.id AS device_id, sd.kind, sd.model, sd.serial,
       sd.capacity_gb, e.method, e.tool, e.passes, e.verified, e.result, e.performed_on, u.display_name AS technician,
       ns.note AS no_storage_note, ns.at AS no_storage_at, nu.display_name AS no_storage_by,
       ef.file_name AS evidence_name, encode(ef.sha256, 'hex') AS evidence_sha256
  FROM machines m
  LEFT JOIN storage_devices sd ON sd.machine_id = m.id
  LEFT JOIN LATERAL (SELECT * FROM erasures x WHERE x.storage_device_id = sd.id ORDER BY x.id DESC LIMIT 1) e ON true
  LEFT JOIN users u ON u.id = e.technician_id
  LEFT JOIN evidence_files ef ON ef.id = e.evidence_file_id
  LEFT JOIN LATERAL (SELECT s.note, s.at, s.actor_id FROM machine_events s
                      WHERE s.machine_id = m.id AND s.kind = 'NO_STORAGE'
                        AND NOT EXISTS (SELECT 1 FROM machine_events r WHERE r.machine_id = m.id
                                           AND r.kind = 'NO_STORAGE_REVOKED' AND r.id > s.id)
                      ORDER BY s.id DESC LIMIT 1) ns ON sd.id IS NULL
  LEFT JOIN users nu ON nu.id = ns.actor_id
 WHERE m.donation_id = :id
 ORDER BY m.id, sd.id

-- name: report-donation-outcomes
-- What became of the donation's machines, from their states and assignments (never who received them).
-- given, lent, ready, in_workshop, scrapped, parts and other split the machines (each counts in exactly one),
-- so the donor pack can protect the counts of participants against the total (SmallCount).
SELECT count(*) AS total,
       count(*) FILTER (WHERE reconditioned) AS reconditioned,
       count(*) FILTER (WHERE outcome = 'GIVEN') AS given,
       count(*) FILTER (WHERE outcome = 'LENT') AS lent,
       count(*) FILTER (WHERE outcome = 'READY') AS ready,
       count(*) FILTER (WHERE outcome = 'WORKSHOP') AS in_workshop,
       count(*) FILTER (WHERE outcome = 'SCRAPPED') AS scrapped,
       count(*) FILTER (WHERE outcome = 'PARTS') AS parts,
       count(*) FILTER (WHERE outcome = 'OTHER') AS other
  FROM (SELECT EXISTS (SELECT 1 FROM machine_events e WHERE e.machine_id = m.id
                          AND e.kind = 'TRANSITION' AND e.to_state = 'READY') AS reconditioned,
               CASE WHEN m.state = 'ASSIGNED' AND EXISTS (SELECT 1 FROM assignments a WHERE a.machine_id = m.id AND a.status = 'GIVEN') THEN 'GIVEN'
                    WHEN m.state = 'ASSIGNED' AND EXISTS (SELECT 1 FROM assignments a WHERE a.machine_id = m.id AND a.status = 'ACTIVE') THEN 'LENT'
                    WHEN m.state = 'READY' THEN 'READY'
                    WHEN m.state IN ('RECEIVED', 'IN_DIAGNOSIS', 'IN_RECONDITIONING', 'RETURNED') THEN 'WORKSHOP'
                    WHEN m.state IN ('SCRAPPED', 'PARTS') THEN m.state
                    ELSE 'OTHER' END AS outcome
          FROM machines m
         WHERE m.donation_id = :id) x

-- name: report-site-by-code
SELECT id, code, name FROM sites WHERE code = :code

-- name: report-site-by-id
SELECT id, code, name FROM sites WHERE id = :id

-- The coordinator's home page: loans under way and overdue, counted exactly as the assignment lists count them
-- (assignments-list: status ACTIVE; overdue: due before today), on the reader's site.
-- name: report-home-loans
SELECT count(*) FILTER (WHERE a.status = 'ACTIVE') AS active,
       count(*) FILTER (WHERE a.status = 'ACTIVE' AND a.due_on < :today) AS overdue
  FROM assignments a
  JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId
