-- name: beneficiary-insert
INSERT INTO beneficiaries (site_id, last_name, first_name, phone, email, commune, postcode, age_bracket, situation,
                           referring_structure, social_worker_id, gdpr_notice_on, created_by)
VALUES (:siteId, :lastName, :firstName, :phone, :email, :commune, :postcode, :ageBracket, :situation,
        :referringStructure, :socialWorkerId, :gdprNoticeOn, :createdBy)
RETURNING id

-- name: beneficiary-update
UPDATE beneficiaries
   SET last_name = :lastName, first_name = :firstName, phone = :phone, email = :email, commune = :commune,
       postcode = :postcode, age_bracket = :ageBracket, situation = :situation,
       referring_structure = :referringStructure, social_worker_id = :socialWorkerId, gdpr_notice_on = :gdprNoticeOn
 WHERE id = :id AND anonymised_at IS NULL

-- name: beneficiary-event-insert
INSERT INTO beneficiary_events (beneficiary_id, kind, actor_id, data)
VALUES (:beneficiaryId, :kind, :actorId, CAST(:data AS jsonb))

-- name: beneficiary-by-id
SELECT b.id, b.last_name, b.first_name, b.phone, b.email, b.commune, b.postcode, b.age_bracket, b.situation,
       b.referring_structure, b.social_worker_id, u.display_name AS social_worker, b.gdpr_notice_on, b.anonymised_at,
       s.name AS site_name
  FROM beneficiaries b
  JOIN sites s ON s.id = b.site_id
  LEFT JOIN users u ON u.id = b.social_worker_id
 WHERE b.id = :id
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: beneficiaries-search
SELECT b.id, b.last_name, b.first_name, b.phone, b.email, b.commune, b.postcode, b.age_bracket, b.situation,
       b.referring_structure, b.social_worker_id, u.display_name AS social_worker, b.gdpr_notice_on, b.anonymised_at,
       s.name AS site_name
  FROM beneficiaries b
  JOIN sites s ON s.id = b.site_id
  LEFT JOIN users u ON u.id = b.social_worker_id
 WHERE b.anonymised_at IS NULL
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   AND (CAST(:q AS text) IS NULL
        OR lower(b.last_name) LIKE :pattern OR lower(b.first_name) LIKE :pattern
        OR lower(b.first_name || ' ' || b.last_name) LIKE :pattern OR lower(b.last_name || ' ' || b.first_name) LIKE :pattern
        OR b.commune ILIKE :pattern OR b.postcode = :q)
 ORDER BY lower(b.last_name), lower(b.first_name), b.id
 LIMIT 200

-- name: beneficiary-counts
SELECT count(*) AS total,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.beneficiary_id = b.id AND a.status = 'ACTIVE')) AS with_loan,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.beneficiary_id = b.id AND a.status = 'GIVEN')) AS with_gift
  FROM beneficiaries b
 WHERE b.anonymised_at IS NULL
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: social-workers
SELECT id, display_name FROM users WHERE active AND role IN ('SOCIAL_WORKER', 'ADMIN') ORDER BY display_name

-- name: course-insert
INSERT INTO courses (name, description, created_by) VALUES (:name, :description, :createdBy)
ON CONFLICT (name) DO NOTHING
RETURNING id

-- name: course-by-name
SELECT id FROM courses WHERE name = :name

-- name: courses-all
SELECT c.id, c.name, c.description FROM courses c ORDER BY lower(c.name)

-- name: course-by-id
SELECT c.id, c.name, c.description FROM courses c WHERE c.id = :id

-- name: course-session-insert
INSERT INTO course_sessions (course_id, site_id, label, starts_on, ends_on, facilitator, created_by)
VALUES (:courseId, :siteId, :label, :startsOn, :endsOn, :facilitator, :createdBy)
RETURNING id

-- name: course-sessions-all
SELECT cs.id, cs.course_id, c.name AS course_name, cs.label, cs.starts_on, cs.ends_on, cs.facilitator, s.name AS site_name,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id) AS enrolled,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id AND e.status = 'COMPLETED') AS completed,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id AND e.status = 'DROPPED_OUT') AS dropped_out
  FROM course_sessions cs
  JOIN courses c ON c.id = cs.course_id
  JOIN sites s ON s.id = cs.site_id
 ORDER BY cs.starts_on DESC, cs.id DESC

-- name: course-session-by-id
SELECT cs.id, cs.course_id, c.name AS course_name, cs.label, cs.starts_on, cs.ends_on, cs.facilitator, s.name AS site_name,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id) AS enrolled,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id AND e.status = 'COMPLETED') AS completed,
       (SELECT count(*) FROM enrolments e WHERE e.session_id = cs.id AND e.status = 'DROPPED_OUT') AS dropped_out
  FROM course_sessions cs
  JOIN courses c ON c.id = cs.course_id
  JOIN sites s ON s.id = cs.site_id
 WHERE cs.id = :id

-- name: enrolment-insert
INSERT INTO enrolments (session_id, beneficiary_id) VALUES (:sessionId, :beneficiaryId)
ON CONFLICT (session_id, beneficiary_id) DO NOTHING
RETURNING id

-- name: enrolment-lock
SELECT e.id, e.session_id, e.beneficiary_id, e.status FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
 WHERE e.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId) FOR UPDATE OF e

-- name: enrolment-of
SELECT id, session_id, beneficiary_id, status FROM enrolments
 WHERE session_id = :sessionId AND beneficiary_id = :beneficiaryId FOR UPDATE

-- name: enrolment-set-status
UPDATE enrolments SET status = :status, updated_at = now() WHERE id = :id

-- name: enrolment-event-insert
INSERT INTO enrolment_events (enrolment_id, from_status, to_status, actor_id, note)
VALUES (:enrolmentId, :fromStatus, :toStatus, :actorId, :note)

-- name: course-session-enrolments
SELECT e.id, e.session_id, e.beneficiary_id, e.status, b.last_name, b.first_name,
       (SELECT a.id FROM assignments a WHERE a.beneficiary_id = e.beneficiary_id AND a.status IN ('ACTIVE', 'GIVEN')
         ORDER BY a.id DESC LIMIT 1) AS assignment_id
  FROM enrolments e
  JOIN beneficiaries b ON b.id = e.beneficiary_id
 WHERE e.session_id = :sessionId
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY lower(b.last_name), lower(b.first_name)

-- name: beneficiary-enrolments
SELECT e.id, e.session_id, e.beneficiary_id, e.status, c.name || ' · ' || cs.label AS last_name, '' AS first_name,
       CAST(NULL AS bigint) AS assignment_id
  FROM enrolments e
  JOIN course_sessions cs ON cs.id = e.session_id
  JOIN courses c ON c.id = cs.course_id
  JOIN beneficiaries b ON b.id = e.beneficiary_id
 WHERE e.beneficiary_id = :beneficiaryId AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY cs.starts_on DESC

-- A new assignment's first round trip: the machine's row locked (every assignment and reservation of a machine takes
-- this lock first), with the beneficiary (of the actor's site) and the session; a row even when none is found, so that
-- the service refuses in its own order. The beneficiary and the session are read with this statement's snapshot, taken
-- before the lock is granted, as when they were read before locking; what may have been committed while waiting for
-- the lock is read by assignment-create, with a new snapshot. The assignment's key is taken here from its column's own
-- sequence: the contract prints it, and is laid out while the rest of the transaction goes on (AssignmentService).
-- The machine's state and type, read under the lock, serve the workshop's transition, which then need not lock again.
-- name: assignment-open
SELECT m.id AS machine_id, m.tag, m.state, m.type, b.id AS beneficiary_id, b.first_name, b.last_name, b.postcode, b.commune,
       cs.id AS session_id, cs.ends_on, nextval(pg_get_serial_sequence('assignments', 'id')) AS assignment_id
  FROM (SELECT 1) AS one
  LEFT JOIN beneficiaries b ON b.id = :beneficiaryId AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
  LEFT JOIN course_sessions cs ON cs.id = :sessionId
  LEFT JOIN LATERAL (SELECT id, tag, state, type FROM machines WHERE tag = :tag FOR UPDATE) m ON true

-- name: machine-lock-for-assignment
SELECT id, tag, state FROM machines WHERE tag = :tag FOR UPDATE

-- name: machine-open-assignment
SELECT id FROM assignments WHERE machine_id = :machineId AND status IN ('ACTIVE', 'GIVEN')

-- Once the machine is locked (assignment-open), in one statement: what the assignment checks (an open assignment of the
-- machine, its active reservation, the person's open waiting-list request, which the assignment serves), and, when the
-- machine has no open assignment, the assignment with the key taken by assignment-open and its CREATED event.
-- name: assignment-create
WITH checks AS (
    SELECT EXISTS (SELECT 1 FROM assignments a WHERE a.machine_id = :machineId AND a.status IN ('ACTIVE', 'GIVEN')) AS assigned,
           r.id AS reservation_id, r.beneficiary_id AS reserved_for, r.until,
           (SELECT w.id FROM waiting_list_entries w WHERE w.beneficiary_id = :beneficiaryId AND w.status = 'WAITING') AS waiting_id
      FROM (SELECT 1) AS one
      LEFT JOIN reservations r ON r.machine_id = :machineId AND r.status = 'ACTIVE'
), a AS (
    INSERT INTO assignments (id, machine_id, beneficiary_id, session_id, kind, status, starts_on, due_on, accessories,
                             created_by)
    OVERRIDING SYSTEM VALUE
    SELECT CAST(:id AS bigint), CAST(:machineId AS bigint), CAST(:beneficiaryId AS bigint), CAST(:sessionId AS bigint),
           CAST(:kind AS text), CAST(:status AS text), CAST(:startsOn AS date), CAST(:dueOn AS date),
           CAST(:accessories AS jsonb), CAST(:createdBy AS bigint)
      FROM checks WHERE NOT checks.assigned
    RETURNING id
), created AS (
    INSERT INTO assignment_events (assignment_id, kind, actor_id, note, data)
    SELECT a.id, 'CREATED', CAST(:createdBy AS bigint), CAST(:note AS text), CAST(:data AS jsonb) FROM a
)
SELECT checks.assigned, checks.reservation_id, checks.reserved_for, checks.until, checks.waiting_id, a.id
  FROM checks LEFT JOIN a ON true

-- name: assignment-event-insert
INSERT INTO assignment_events (assignment_id, kind, actor_id, note, data)
VALUES (:assignmentId, :kind, :actorId, :note, CAST(:data AS jsonb))

-- name: assignment-lock
SELECT a.id, a.status, a.kind, a.due_on, a.starts_on, a.session_id, a.beneficiary_id, a.machine_id, m.tag
  FROM assignments a JOIN machines m ON m.id = a.machine_id JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE a.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId) FOR UPDATE OF a

-- name: assignment-set-due
UPDATE assignments SET due_on = :dueOn, updated_at = now() WHERE id = :id

-- name: assignment-end
UPDATE assignments SET status = :status, ended_on = :endedOn, updated_at = now() WHERE id = :id

-- assignment-by-id, assignments-list and machine-assignments read V17's view assignment_rows.
-- name: assignment-by-id
SELECT * FROM assignment_rows a
 WHERE a.id = :id
   AND (CAST(:siteId AS bigint) IS NULL OR a.beneficiary_site_id = :siteId)

-- name: assignments-list
SELECT * FROM assignment_rows a
 WHERE (CAST(:beneficiaryId AS bigint) IS NULL OR a.beneficiary_id = :beneficiaryId)
   AND (CAST(:siteId AS bigint) IS NULL OR a.beneficiary_site_id = :siteId)
   AND (CAST(:machineId AS bigint) IS NULL OR a.machine_id = :machineId)
   AND (CAST(:status AS text) IS NULL OR a.status = :status)
   AND (CAST(:overdueBefore AS date) IS NULL OR (a.status = 'ACTIVE' AND a.due_on < :overdueBefore))
 ORDER BY CASE WHEN CAST(:overdueBefore AS date) IS NULL THEN NULL ELSE a.due_on END, a.id DESC
 LIMIT 500

-- The machine page's section: its own statement and index, since the catch-all list above plans as a scan.
-- name: machine-assignments
SELECT * FROM assignment_rows a
 WHERE a.machine_id = ?
   AND (CAST(? AS bigint) IS NULL OR a.beneficiary_site_id = ?)
 ORDER BY a.id DESC

-- name: assignment-events
SELECT e.id, e.kind, u.display_name AS actor, e.at, e.note, CAST(e.data AS text) AS data
  FROM assignment_events e JOIN users u ON u.id = e.actor_id
 WHERE e.assignment_id = :assignmentId
 ORDER BY e.id

-- name: incident-insert
INSERT INTO incidents (assignment_id, kind, occurred_on, note, created_by)
VALUES (:assignmentId, :kind, :occurredOn, :note, :createdBy)
RETURNING id

-- A generated document and its CONTRACT_GENERATED event in one statement (the event's data as ContractService wrote it).
-- name: contract-generated-insert
WITH c AS (
    INSERT INTO contracts (assignment_id, kind, signs, pdf, sha256, created_by)
    VALUES (:assignmentId, :kind, NULL, :pdf, :sha256, :createdBy)
    RETURNING id
), generated AS (
    INSERT INTO assignment_events (assignment_id, kind, actor_id, note, data)
    SELECT :assignmentId, 'CONTRACT_GENERATED', :createdBy, NULL,
           jsonb_build_object('contractId', c.id, 'document', CAST(:kind AS text), 'sha256', CAST(:sha256 AS text)) FROM c
)
SELECT id FROM c

-- name: contract-insert
INSERT INTO contracts (assignment_id, kind, signs, pdf, sha256, created_by)
VALUES (:assignmentId, :kind, :signs, :pdf, :sha256, :createdBy)
RETURNING id

-- The current document: a gift certificate voided by a cancelled conversion (V24) gives way to the loan's agreement.
-- name: contract-latest
SELECT c.id, c.assignment_id, c.kind, c.signs, c.pdf, c.sha256, c.created_at
  FROM contracts c JOIN assignments a ON a.id = c.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE c.assignment_id = :assignmentId AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   AND NOT EXISTS (SELECT 1 FROM gift_conversions g WHERE g.certificate_id = c.id AND g.cancelled_at IS NOT NULL)
 ORDER BY c.id DESC LIMIT 1

-- name: contract-by-id
SELECT c.id, c.assignment_id, c.kind, c.signs, c.pdf, c.sha256, c.created_at
  FROM contracts c JOIN assignments a ON a.id = c.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE c.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: contracts-of-assignment
SELECT c.id, c.assignment_id, c.kind, c.signs, c.sha256, c.created_at, u.display_name AS created_by_name,
       (SELECT count(*) FROM contract_scans s WHERE s.contract_id = c.id) AS scans
  FROM contracts c JOIN users u ON u.id = c.created_by
  JOIN assignments a ON a.id = c.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE c.assignment_id = :assignmentId AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY c.id

-- name: contract-scan-insert
INSERT INTO contract_scans (contract_id, content_type, content, sha256, uploaded_by)
VALUES (:contractId, :contentType, :content, :sha256, :uploadedBy)
RETURNING id

-- name: contract-scans-of-assignment
SELECT s.id, s.contract_id, s.content_type, s.sha256, s.uploaded_at, u.display_name AS uploaded_by_name
  FROM contract_scans s JOIN contracts c ON c.id = s.contract_id JOIN users u ON u.id = s.uploaded_by
  JOIN assignments a ON a.id = c.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE c.assignment_id = :assignmentId AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY s.id

-- name: contract-scan-by-id
SELECT s.id, s.contract_id, s.content_type, s.content, s.sha256
  FROM contract_scans s JOIN contracts c ON c.id = s.contract_id JOIN assignments a ON a.id = c.assignment_id
  JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE s.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: ready-machines
SELECT m.tag, m.type, m.brand, m.model, m.grade, m.ram_gb,
       (SELECT sum(sd.capacity_gb) FROM storage_devices sd WHERE sd.machine_id = m.id) AS storage_gb
  FROM machines m
 WHERE m.state = 'READY'
   AND (CAST(:type AS text) IS NULL OR m.type = :type)
   AND (CAST(:grade AS text) IS NULL OR m.grade = :grade)
   AND (CAST(:minRam AS numeric) IS NULL OR m.ram_gb >= :minRam)
   AND (CAST(:minStorage AS numeric) IS NULL
        OR (SELECT sum(sd.capacity_gb) FROM storage_devices sd WHERE sd.machine_id = m.id) >= :minStorage)
   AND (CAST(:q AS text) IS NULL OR m.tag = :q OR strpos(upper(coalesce(m.serial, '')), upper(:q)) > 0
        OR strpos(upper(coalesce(m.brand, '') || ' ' || coalesce(m.model, '')), upper(:q)) > 0)
 ORDER BY m.grade NULLS LAST, m.ram_gb DESC NULLS LAST, m.tag
 LIMIT 200

-- Issue 14: gift conversions after completion (GiftConversions).
-- name: course-session-lock
SELECT id FROM course_sessions WHERE id = :id FOR UPDATE

-- name: assignment-to-gift-without-due
UPDATE assignments SET kind = 'GIFT', status = 'GIVEN', due_on = NULL, updated_at = now() WHERE id = :id AND status = 'ACTIVE'

-- name: assignment-gift-back-to-loan
UPDATE assignments SET kind = 'LOAN', status = 'ACTIVE', due_on = :dueOn, updated_at = now() WHERE id = :id AND status = 'GIVEN'

-- name: gift-conversion-insert
INSERT INTO gift_conversions (assignment_id, session_id, certificate_id, previous_due_on, overridden, converted_by)
VALUES (:assignmentId, :sessionId, :certificateId, :previousDueOn, :overridden, :convertedBy)
RETURNING id

-- name: gift-conversion-standing
SELECT g.id, g.certificate_id, g.previous_due_on, g.converted_at, g.overridden
  FROM gift_conversions g WHERE g.assignment_id = :assignmentId AND g.cancelled_at IS NULL

-- name: gift-conversion-standing-lock
SELECT g.id, g.certificate_id, g.previous_due_on, g.converted_at, g.overridden
  FROM gift_conversions g WHERE g.assignment_id = :assignmentId AND g.cancelled_at IS NULL FOR UPDATE

-- name: gift-conversion-cancel
UPDATE gift_conversions SET cancelled_by = :actorId, cancelled_at = now() WHERE id = :id AND cancelled_at IS NULL

-- name: gift-conversions-of-session
SELECT count(*) AS n FROM gift_conversions WHERE session_id = :sessionId AND cancelled_at IS NULL

-- name: voided-certificates
SELECT g.certificate_id, g.cancelled_at FROM gift_conversions g
 WHERE g.assignment_id = :assignmentId AND g.cancelled_at IS NOT NULL

-- The session's active loans of the given participants (a PostgreSQL array as text, '{1,2}').
-- name: course-session-loans-of
SELECT a.id FROM assignments a
  JOIN enrolments e ON e.beneficiary_id = a.beneficiary_id AND e.session_id = :sessionId
  JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId) AND a.status = 'ACTIVE' AND a.kind = 'LOAN'
   AND e.status <> 'DROPPED_OUT' AND (a.session_id = :sessionId OR a.session_id IS NULL)
   AND a.beneficiary_id = ANY (CAST(:people AS bigint[]))
 ORDER BY a.id

-- The social worker's home page (docs/ui.md, "Pages d'accueil"): loans overdue or due by :until, on the reader's site.
-- name: home-loans-due
SELECT * FROM assignment_rows a
 WHERE a.status = 'ACTIVE' AND a.kind = 'LOAN' AND a.due_on <= :until
   AND (CAST(:siteId AS bigint) IS NULL OR a.beneficiary_site_id = :siteId)
 ORDER BY a.due_on, a.id
 LIMIT 200

-- Assignments whose latest document is not signed yet: no document signs it on screen, and no paper scan of it.
-- name: home-contracts-to-sign
SELECT * FROM assignment_rows a
 WHERE a.status IN ('ACTIVE', 'GIVEN')
   AND (CAST(:siteId AS bigint) IS NULL OR a.beneficiary_site_id = :siteId)
   AND EXISTS (SELECT 1 FROM contracts d
                WHERE d.id = (SELECT max(c.id) FROM contracts c WHERE c.assignment_id = a.id AND c.signs IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM contracts x WHERE x.signs = d.id)
                  AND NOT EXISTS (SELECT 1 FROM contract_scans s WHERE s.contract_id = d.id))
 ORDER BY a.id DESC
 LIMIT 200

-- name: home-ready-count
SELECT count(*) AS n FROM machines WHERE state = 'READY'
