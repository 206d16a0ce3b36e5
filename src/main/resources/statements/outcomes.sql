-- Outcomes: skills self-assessment, follow-ups, funding programmes and the outcome report (docs/outcomes.md).
-- People are scoped by the beneficiary's site (:siteId null = every site), machines by the machine's site.

-- name: outcome-enrolment
SELECT e.id, e.session_id, e.beneficiary_id, b.last_name, b.first_name, s.label AS session_label, c.name AS course_name
  FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
  JOIN course_sessions s ON s.id = e.session_id JOIN courses c ON c.id = s.course_id
 WHERE e.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: outcome-enrolment-lock
SELECT e.id FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
 WHERE e.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId) FOR UPDATE OF e

-- name: skill-assessment-insert
INSERT INTO skill_assessments (enrolment_id, phase, questionnaire_version, answers, mean_level, feels_capable, created_by)
VALUES (:enrolmentId, :phase, :version, CAST(:answers AS jsonb), :meanLevel, :feelsCapable, :actorId)
ON CONFLICT (enrolment_id, phase) DO NOTHING
RETURNING id

-- name: skill-assessments-of-enrolment
SELECT phase, questionnaire_version, CAST(answers AS text) AS answers, mean_level, feels_capable, created_at
  FROM skill_assessments WHERE enrolment_id = :enrolmentId ORDER BY phase

-- name: outcome-session
SELECT s.id, s.label, c.name AS course_name, st.name AS site_name, s.starts_on, s.ends_on
  FROM course_sessions s JOIN courses c ON c.id = s.course_id JOIN sites st ON st.id = s.site_id
 WHERE s.id = :id AND (CAST(:siteId AS bigint) IS NULL OR s.site_id = :siteId)

-- name: session-skill-progress
SELECT e.id AS enrolment_id, b.last_name, b.first_name,
       en.mean_level AS entry_mean, ex.mean_level AS exit_mean, en.feels_capable AS entry_capable,
       ex.feels_capable AS exit_capable
  FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
  LEFT JOIN skill_assessments en ON en.enrolment_id = e.id AND en.phase = 'ENTRY'
  LEFT JOIN skill_assessments ex ON ex.enrolment_id = e.id AND ex.phase = 'EXIT'
 WHERE e.session_id = :sessionId AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY lower(b.last_name), lower(b.first_name), e.id

-- name: follow-ups-due
WITH milestones (milestone) AS (VALUES (3), (6))
SELECT a.id AS assignment_id, m.milestone, CAST(a.starts_on + make_interval(months => m.milestone) AS date) AS due_on,
       a.starts_on, a.kind, mc.tag, b.last_name, b.first_name, b.phone, st.name AS site_name,
       (SELECT count(*) FROM follow_up_contacts c
         WHERE c.assignment_id = a.id AND c.milestone = m.milestone AND NOT c.answered) AS attempts
  FROM assignments a CROSS JOIN milestones m
  JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN machines mc ON mc.id = a.machine_id
  JOIN sites st ON st.id = b.site_id
 WHERE a.status IN ('ACTIVE', 'GIVEN') AND b.anonymised_at IS NULL
   AND a.starts_on + make_interval(months => m.milestone) <= CAST(:horizon AS date)
   AND NOT EXISTS (SELECT 1 FROM follow_up_closures f WHERE f.assignment_id = a.id AND f.milestone = m.milestone)
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY st.name, due_on, a.id, m.milestone
 LIMIT 500

-- name: follow-up-assignment-lock
SELECT a.id, a.starts_on, a.status, mc.tag, b.last_name, b.first_name
  FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN machines mc ON mc.id = a.machine_id
 WHERE a.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId) FOR UPDATE OF a

-- name: follow-up-assignment
SELECT a.id, a.starts_on, a.status, mc.tag, b.last_name, b.first_name
  FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN machines mc ON mc.id = a.machine_id
 WHERE a.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: follow-up-closure
SELECT status, closed_at FROM follow_up_closures WHERE assignment_id = :assignmentId AND milestone = :milestone

-- name: follow-up-unanswered
SELECT count(*) AS n FROM follow_up_contacts WHERE assignment_id = :assignmentId AND milestone = :milestone AND NOT answered

-- name: follow-up-contact-insert
INSERT INTO follow_up_contacts (assignment_id, milestone, channel, answered, machine_use, use_reason, home_internet,
                                problems, breakdown, feels_capable, incident_id, actor_id)
VALUES (:assignmentId, :milestone, :channel, :answered, :machineUse, :useReason, :homeInternet, :problems, :breakdown,
        :feelsCapable, :incidentId, :actorId)
RETURNING id

-- name: follow-up-closure-insert
INSERT INTO follow_up_closures (assignment_id, milestone, status, contact_id)
VALUES (:assignmentId, :milestone, :status, :contactId)

-- name: follow-up-contacts-of
SELECT c.milestone, c.channel, c.answered, c.machine_use, c.home_internet, c.breakdown, c.feels_capable, c.at,
       u.display_name AS actor
  FROM follow_up_contacts c JOIN users u ON u.id = c.actor_id
 WHERE c.assignment_id = :assignmentId ORDER BY c.id

-- name: funder-insert
INSERT INTO funders (name, created_by) VALUES (:name, :actorId) ON CONFLICT (name) DO NOTHING RETURNING id

-- name: funder-by-name
SELECT id FROM funders WHERE name = :name

-- name: funder-by-id
SELECT id FROM funders WHERE id = :id

-- name: programme-insert
INSERT INTO programmes (funder_id, name, starts_on, ends_on, budget_eur, target_people, target_machines,
                        target_workshops, created_by)
VALUES (:funderId, :name, :startsOn, :endsOn, :budget, :targetPeople, :targetMachines, :targetWorkshops, :actorId)
ON CONFLICT (funder_id, name) DO NOTHING
RETURNING id

-- name: programme-event-insert
INSERT INTO programme_events (programme_id, kind, target, target_id, actor_id, data)
VALUES (:programmeId, :kind, :target, :targetId, :actorId, CAST(:data AS jsonb))

-- name: programmes-all
SELECT p.id, p.name, f.name AS funder, p.starts_on, p.ends_on, p.budget_eur, p.target_people, p.target_machines,
       p.target_workshops,
       (SELECT count(*) FROM programme_donations d WHERE d.programme_id = p.id) AS donations,
       (SELECT count(*) FROM programme_sessions s WHERE s.programme_id = p.id) AS sessions,
       (SELECT count(*) FROM programme_assignments a WHERE a.programme_id = p.id) AS assignments
  FROM programmes p JOIN funders f ON f.id = p.funder_id
 ORDER BY p.starts_on DESC, p.name

-- name: programme-lock
SELECT id FROM programmes WHERE id = :id FOR UPDATE

-- name: donation-exists
SELECT id FROM donations WHERE id = :id

-- name: session-exists
SELECT id FROM course_sessions WHERE id = :id

-- name: assignment-exists
SELECT id FROM assignments WHERE id = :id

-- name: programme-donation-insert
INSERT INTO programme_donations (programme_id, donation_id) VALUES (:programmeId, :targetId)
ON CONFLICT DO NOTHING RETURNING programme_id

-- name: programme-session-insert
INSERT INTO programme_sessions (programme_id, session_id) VALUES (:programmeId, :targetId)
ON CONFLICT DO NOTHING RETURNING programme_id

-- name: programme-assignment-insert
INSERT INTO programme_assignments (programme_id, assignment_id) VALUES (:programmeId, :targetId)
ON CONFLICT DO NOTHING RETURNING programme_id

-- name: outcome-site-by-code
SELECT id, code, name FROM sites WHERE code = :code

-- name: outcome-site-by-id
SELECT id, code, name FROM sites WHERE id = :id

-- name: outcome-people
WITH handed AS (
    SELECT a.beneficiary_id FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id
     WHERE a.starts_on BETWEEN :fromDate AND :toDate
       AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
       AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_assignments p
             WHERE p.assignment_id = a.id AND p.programme_id = :programmeId))
), enrolled AS (
    SELECT e.beneficiary_id FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
      JOIN course_sessions s ON s.id = e.session_id
     WHERE s.starts_on <= :toDate AND s.ends_on >= :fromDate
       AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
       AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_sessions p
             WHERE p.session_id = s.id AND p.programme_id = :programmeId))
), people AS (
    SELECT DISTINCT beneficiary_id FROM (SELECT beneficiary_id FROM handed UNION SELECT beneficiary_id FROM enrolled) x
)
SELECT 'TOTAL' AS dimension, '' AS value, count(*) AS n FROM people
UNION ALL
SELECT 'AGE', b.age_bracket, count(*) FROM people p JOIN beneficiaries b ON b.id = p.beneficiary_id GROUP BY b.age_bracket
UNION ALL
SELECT 'SITUATION', b.situation, count(*) FROM people p JOIN beneficiaries b ON b.id = p.beneficiary_id GROUP BY b.situation
UNION ALL
SELECT 'COMMUNE', b.commune, count(*) FROM people p JOIN beneficiaries b ON b.id = p.beneficiary_id GROUP BY b.commune

-- name: outcome-sessions
SELECT s.id FROM course_sessions s
 WHERE s.starts_on <= :toDate AND s.ends_on >= :fromDate
   AND (CAST(:siteId AS bigint) IS NULL OR s.site_id = :siteId)
   AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_sessions p
         WHERE p.session_id = s.id AND p.programme_id = :programmeId))
 ORDER BY s.id

-- name: outcome-skills
SELECT count(*) FILTER (WHERE en.id IS NOT NULL AND ex.id IS NOT NULL) AS both_phases,
       count(*) FILTER (WHERE ex.mean_level > en.mean_level) AS progressed,
       count(ex.id) AS exit_answered,
       count(*) FILTER (WHERE ex.feels_capable >= :capableFrom) AS capable
  FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
  LEFT JOIN skill_assessments en ON en.enrolment_id = e.id AND en.phase = 'ENTRY'
  LEFT JOIN skill_assessments ex ON ex.enrolment_id = e.id AND ex.phase = 'EXIT'
 WHERE e.session_id = ANY (CAST(string_to_array(:sessionIds, ',') AS bigint[]))
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: outcome-machines
SELECT m.type,
       count(*) FILTER (WHERE a.starts_on BETWEEN :fromDate AND :toDate
                          AND (a.kind = 'LOAN' OR conv.at IS NOT NULL)) AS lent,
       count(*) FILTER (WHERE (a.kind = 'GIFT' AND conv.at IS NULL AND a.starts_on BETWEEN :fromDate AND :toDate)
                          OR CAST(timezone('Europe/Paris', conv.at) AS date) BETWEEN :fromDate AND :toDate) AS given
  FROM assignments a JOIN machines m ON m.id = a.machine_id
  LEFT JOIN LATERAL (SELECT min(ev.at) AS at FROM assignment_events ev
                      WHERE ev.assignment_id = a.id AND ev.kind = 'CONVERTED_TO_GIFT') conv ON true
 WHERE (CAST(:siteId AS bigint) IS NULL OR m.site_id = :siteId)
   AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_assignments p
         WHERE p.assignment_id = a.id AND p.programme_id = :programmeId))
   AND (a.starts_on BETWEEN :fromDate AND :toDate OR conv.at IS NOT NULL)
 GROUP BY m.type

-- name: outcome-received
SELECT count(*) AS n FROM machines m JOIN donations d ON d.id = m.donation_id
 WHERE d.received_on BETWEEN :fromDate AND :toDate
   AND (CAST(:siteId AS bigint) IS NULL OR m.site_id = :siteId)
   AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_donations p
         WHERE p.donation_id = d.id AND p.programme_id = :programmeId))

-- name: outcome-follow-ups
SELECT count(*) FILTER (WHERE f.status = 'ANSWERED') AS answered,
       count(*) FILTER (WHERE f.status = 'ANSWERED' AND c.machine_use IN ('DAILY', 'WEEKLY', 'RARELY')) AS still_using,
       count(*) FILTER (WHERE f.status = 'UNREACHABLE') AS unreachable
  FROM follow_up_closures f JOIN follow_up_contacts c ON c.id = f.contact_id
  JOIN assignments a ON a.id = f.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE f.milestone = 6 AND a.starts_on BETWEEN :fromDate AND :toDate
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_assignments p
         WHERE p.assignment_id = a.id AND p.programme_id = :programmeId))

-- name: outcome-first-use
SELECT f.machine_type AS type, count(*) AS n FROM machine_first_use f
 WHERE f.starts_on BETWEEN :fromDate AND :toDate
   AND (CAST(:siteId AS bigint) IS NULL OR f.machine_site_id = :siteId)
   AND (CAST(:programmeId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM programme_assignments p
         WHERE p.assignment_id = f.assignment_id AND p.programme_id = :programmeId))
 GROUP BY f.machine_type

-- name: outcome-programme
SELECT p.id, p.name, f.name AS funder, p.starts_on, p.ends_on, p.budget_eur, p.target_people, p.target_machines,
       p.target_workshops,
       0 AS donations, 0 AS sessions, 0 AS assignments
  FROM programmes p JOIN funders f ON f.id = p.funder_id WHERE p.id = :id

-- name: outcome-sites
SELECT id, code, name FROM sites ORDER BY name

-- The demo's questionnaires go to enrolments that have none yet: a database that already holds some (the tests'
-- shared one) must not make the demo replace an answer, which the service refuses.
-- name: outcome-demo-enrolments
SELECT e.id, e.session_id FROM enrolments e
 WHERE NOT EXISTS (SELECT 1 FROM skill_assessments s WHERE s.enrolment_id = e.id)
 ORDER BY e.id

-- name: outcome-demo-sessions
SELECT id FROM course_sessions ORDER BY id

-- name: outcome-demo-assignments
SELECT id FROM assignments ORDER BY id

-- name: outcome-demo-donations
SELECT id FROM donations ORDER BY id

-- Reminders (docs/messaging.md): the follow-ups falling due on :day, not closed yet, of people not anonymised.
-- name: follow-up-reminders-due
WITH milestones (milestone) AS (VALUES (3), (6))
SELECT a.id AS assignment_id, m.milestone, a.beneficiary_id
  FROM assignments a CROSS JOIN milestones m JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE a.status IN ('ACTIVE', 'GIVEN') AND b.anonymised_at IS NULL
   AND CAST(a.starts_on + make_interval(months => m.milestone) AS date) = CAST(:day AS date)
   AND NOT EXISTS (SELECT 1 FROM follow_up_closures f WHERE f.assignment_id = a.id AND f.milestone = m.milestone)
 ORDER BY a.id, m.milestone
