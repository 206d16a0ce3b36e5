-- Workshops, attendance, the set-up checklist and completion (fr.parcsolidaire.course). Personal rows are read
-- through the beneficiary's site: :siteId NULL means every site (administrators, unattached users).

-- name: course-session-head
SELECT cs.id, cs.label, cs.starts_on, cs.ends_on, cs.facilitator, c.id AS course_id, c.name AS course_name,
       c.completion_percent, c.completion_needs_checklist, s.name AS site_name
  FROM course_sessions cs JOIN courses c ON c.id = cs.course_id JOIN sites s ON s.id = cs.site_id
 WHERE cs.id = :id

-- name: course-rule-update
UPDATE courses SET completion_percent = :percent, completion_needs_checklist = :needsChecklist WHERE id = :id

-- name: course-exists
SELECT id, completion_percent, completion_needs_checklist FROM courses WHERE id = :id FOR UPDATE

-- name: workshop-insert
INSERT INTO workshops (session_id, starts_at, duration_minutes, topic, trainer, created_by)
VALUES (:sessionId, :startsAt, :durationMinutes, :topic, :trainer, :createdBy)
RETURNING id

-- name: workshops-of-session
SELECT w.id, w.session_id, w.starts_at, w.duration_minutes, w.topic, w.trainer,
       (SELECT count(*) FROM attendance a WHERE a.workshop_id = w.id AND a.status = 'PRESENT') AS present,
       c.name || ' · ' || cs.label AS session_title
  FROM workshops w JOIN course_sessions cs ON cs.id = w.session_id JOIN courses c ON c.id = cs.course_id
 WHERE w.session_id = :sessionId
 ORDER BY w.starts_at, w.id

-- name: workshop-by-id
SELECT w.id, w.session_id, w.starts_at, w.duration_minutes, w.topic, w.trainer,
       (SELECT count(*) FROM attendance a WHERE a.workshop_id = w.id AND a.status = 'PRESENT') AS present,
       c.name || ' · ' || cs.label AS session_title
  FROM workshops w JOIN course_sessions cs ON cs.id = w.session_id JOIN courses c ON c.id = cs.course_id
 WHERE w.id = :id

-- name: workshops-between
SELECT w.id, w.session_id, w.starts_at, w.duration_minutes, w.topic, w.trainer,
       (SELECT count(*) FROM attendance a WHERE a.workshop_id = w.id AND a.status = 'PRESENT') AS present,
       c.name || ' · ' || cs.label AS session_title
  FROM workshops w JOIN course_sessions cs ON cs.id = w.session_id JOIN courses c ON c.id = cs.course_id
 WHERE w.starts_at >= :from AND w.starts_at < :to
   AND (CAST(:siteId AS bigint) IS NULL OR cs.site_id = :siteId)
 ORDER BY w.starts_at, w.id

-- The cohort of a session as the reader may see it, with each person's loan or gift of this session (or of none).
-- name: session-cohort
SELECT e.id AS enrolment_id, e.beneficiary_id, e.status, b.first_name, b.last_name,
       ec.version AS checklist_version,
       (SELECT count(*) FROM checklist_ticks t WHERE t.enrolment_id = e.id AND t.done_on <= :doneBy) AS ticks,
       a.id AS assignment_id, a.kind AS assignment_kind, a.status AS assignment_status, a.due_on, m.tag
  FROM enrolments e
  JOIN beneficiaries b ON b.id = e.beneficiary_id
  LEFT JOIN enrolment_checklists ec ON ec.enrolment_id = e.id
  LEFT JOIN LATERAL (SELECT x.id, x.kind, x.status, x.due_on, x.machine_id FROM assignments x
                      WHERE x.beneficiary_id = e.beneficiary_id AND x.status IN ('ACTIVE', 'GIVEN')
                        AND (x.session_id = e.session_id OR x.session_id IS NULL)
                      ORDER BY x.id DESC LIMIT 1) a ON true
  LEFT JOIN machines m ON m.id = a.machine_id
 WHERE e.session_id = :sessionId
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY lower(b.last_name), lower(b.first_name), e.id

-- Each participant's attendance over the workshops of the session that started before :heldBefore.
-- name: session-attendance
SELECT a.beneficiary_id, a.status, count(*) AS workshops, coalesce(sum(w.duration_minutes), 0) AS minutes
  FROM attendance a JOIN workshops w ON w.id = a.workshop_id
 WHERE w.session_id = :sessionId AND w.starts_at <= :heldBefore
 GROUP BY a.beneficiary_id, a.status

-- name: workshops-held
SELECT count(*) AS held FROM workshops WHERE session_id = :sessionId AND starts_at <= :heldBefore

-- name: workshop-attendance
SELECT beneficiary_id, status FROM attendance WHERE workshop_id = :workshopId

-- Locks the participant's enrolment so that two takes of the same attendance are serialised.
-- name: workshop-participant-lock
SELECT e.id FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
 WHERE e.session_id = :sessionId AND e.beneficiary_id = :beneficiaryId
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   FOR UPDATE OF e

-- name: attendance-current
SELECT status FROM attendance WHERE workshop_id = :workshopId AND beneficiary_id = :beneficiaryId

-- name: attendance-upsert
INSERT INTO attendance (workshop_id, beneficiary_id, status, updated_by)
VALUES (:workshopId, :beneficiaryId, :status, :actorId)
ON CONFLICT (workshop_id, beneficiary_id)
DO UPDATE SET status = EXCLUDED.status, updated_by = EXCLUDED.updated_by, updated_at = now()

-- name: attendance-event-insert
INSERT INTO attendance_events (workshop_id, beneficiary_id, from_status, to_status, actor_id)
VALUES (:workshopId, :beneficiaryId, :fromStatus, :toStatus, :actorId)

-- name: enrolment-for-checklist
SELECT e.id, e.session_id, e.beneficiary_id, e.status, b.first_name, b.last_name, ec.version
  FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
  LEFT JOIN enrolment_checklists ec ON ec.enrolment_id = e.id
 WHERE e.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: enrolment-for-checklist-lock
SELECT e.id, ec.version
  FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
  LEFT JOIN enrolment_checklists ec ON ec.enrolment_id = e.id
 WHERE e.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   FOR UPDATE OF e

-- name: enrolment-checklist-insert
INSERT INTO enrolment_checklists (enrolment_id, version) VALUES (:enrolmentId, :version)

-- name: checklist-ticks
SELECT item, done_on FROM checklist_ticks WHERE enrolment_id = :enrolmentId

-- name: checklist-tick-current
SELECT done_on FROM checklist_ticks WHERE enrolment_id = :enrolmentId AND item = :item

-- name: checklist-tick-upsert
INSERT INTO checklist_ticks (enrolment_id, item, done_on, ticked_by)
VALUES (:enrolmentId, :item, :doneOn, :actorId)
ON CONFLICT (enrolment_id, item)
DO UPDATE SET done_on = EXCLUDED.done_on, ticked_by = EXCLUDED.ticked_by, ticked_at = now()

-- name: checklist-tick-delete
DELETE FROM checklist_ticks WHERE enrolment_id = :enrolmentId AND item = :item

-- name: checklist-event-insert
INSERT INTO checklist_events (enrolment_id, version, item, from_done_on, to_done_on, actor_id)
VALUES (:enrolmentId, :version, :item, :fromDoneOn, :toDoneOn, :actorId)

-- Outcome figures: the sessions among :ids that overlap the period.
-- name: figures-sessions
SELECT cs.id FROM course_sessions cs
 WHERE cs.id = ANY (CAST(:ids AS bigint[])) AND cs.starts_on <= :toDate AND cs.ends_on >= :fromDate

-- name: figures-workshops
SELECT count(DISTINCT w.id) AS held,
       coalesce(sum(w.duration_minutes) FILTER (WHERE a.status = 'PRESENT'), 0) AS present_minutes
  FROM workshops w LEFT JOIN attendance a ON a.workshop_id = w.id
 WHERE w.session_id = ANY (CAST(:ids AS bigint[])) AND w.starts_at >= :from AND w.starts_at < :to
   AND w.starts_at <= :now

-- name: course-rule-event-insert
INSERT INTO course_rule_events (course_id, completion_percent, needs_checklist, actor_id)
VALUES (:courseId, :percent, :needsChecklist, :actorId)

-- name: course-demo-session
SELECT cs.id FROM course_sessions cs JOIN courses c ON c.id = cs.course_id
 WHERE c.name = 'À portée de clics' ORDER BY cs.id DESC LIMIT 1

-- The social worker's home page (docs/ui.md, "Pages d'accueil"): sessions of the reader's site ending within :ahead
-- days or ended at most :ahead days ago, whose loans were not converted to gifts yet (no standing conversion).
-- name: home-sessions-ending
SELECT cs.id, cs.label, cs.ends_on, c.name AS course_name,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id AND e.status <> 'DROPPED_OUT') AS enrolled
  FROM course_sessions cs JOIN courses c ON c.id = cs.course_id
 WHERE cs.ends_on BETWEEN CAST(:today AS date) - :ahead AND CAST(:today AS date) + :ahead
   AND (CAST(:siteId AS bigint) IS NULL OR cs.site_id = :siteId)
   AND NOT EXISTS (SELECT 1 FROM gift_conversions g WHERE g.session_id = cs.id AND g.cancelled_at IS NULL)
 ORDER BY cs.ends_on, cs.id
 LIMIT 50

-- Reminders (docs/messaging.md): the participants still enrolled in a session with a workshop starting in [:from, :to).
-- name: workshop-reminders-due
SELECT w.id AS workshop_id, w.starts_at, w.topic, e.beneficiary_id, s.name AS site_name
  FROM workshops w JOIN course_sessions cs ON cs.id = w.session_id JOIN sites s ON s.id = cs.site_id
  JOIN enrolments e ON e.session_id = cs.id AND e.status = 'ENROLLED'
  JOIN beneficiaries b ON b.id = e.beneficiary_id AND b.anonymised_at IS NULL
 WHERE w.starts_at >= :from AND w.starts_at < :to
 ORDER BY w.starts_at, w.id, e.beneficiary_id
