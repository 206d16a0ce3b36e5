-- GDPR: retention, anonymisation, right of access and the audit of every read.

-- name: gdpr-log-access
INSERT INTO beneficiary_access_log (beneficiary_id, actor_id, action, detail)
VALUES (:beneficiaryId, :actorId, :action, :detail)

-- name: gdpr-log-contract-read
INSERT INTO beneficiary_access_log (beneficiary_id, actor_id, action, detail)
SELECT a.beneficiary_id, :actorId, 'CONTRACT_READ', :detail FROM assignments a WHERE a.id = :assignmentId

-- Beneficiaries whose last contact (end of their last assignment, or their registration when they had none)
-- is older than the retention period, with no loan still running. With :id, that one person only: checked
-- again inside their own transaction, once their row is locked.
-- name: gdpr-due-for-anonymisation
SELECT b.id
  FROM beneficiaries b
  LEFT JOIN assignments a ON a.beneficiary_id = b.id
 WHERE b.anonymised_at IS NULL
   AND (CAST(:id AS bigint) IS NULL OR b.id = CAST(:id AS bigint))
 GROUP BY b.id
HAVING count(*) FILTER (WHERE a.status = 'ACTIVE') = 0
   AND greatest(max(b.created_at), max(a.updated_at), max(CAST(coalesce(a.ended_on, a.starts_on) AS timestamptz)))
       < now() - make_interval(months => :months)
 ORDER BY b.id
 LIMIT 1000

-- name: gdpr-lock-beneficiary
SELECT id FROM beneficiaries WHERE id = :id AND anonymised_at IS NULL FOR UPDATE

-- name: gdpr-allow-document-purge
SELECT set_config('parc.gdpr_erasure', 'on', true) AS on

-- Identity and contacts erased; age bracket, situation, commune and postcode stay for the aggregated statistics.
-- name: gdpr-anonymise
UPDATE beneficiaries
   SET last_name = 'Anonyme', first_name = 'Anonyme', phone = NULL, email = NULL,
       referring_structure = NULL, social_worker_id = NULL, anonymised_at = now()
 WHERE id = :id AND anonymised_at IS NULL

-- name: gdpr-purge-contracts
UPDATE contracts SET pdf = '', purged_at = now()
 WHERE purged_at IS NULL
   AND assignment_id IN (SELECT id FROM assignments WHERE beneficiary_id = :id)

-- name: gdpr-purge-scans
UPDATE contract_scans SET content = '', purged_at = now()
 WHERE purged_at IS NULL
   AND contract_id IN (SELECT c.id FROM contracts c JOIN assignments a ON a.id = c.assignment_id
                        WHERE a.beneficiary_id = :id)

-- Free text attached to the person: notes become '[anonymisé]', strings in JSON too except the values of the
-- keys listed in :codes (codes, dates, hashes written by the program); numbers, codes, dates and rows stay, so
-- every count is unchanged. Each statement changes only rows that still hold something to clear.

-- name: gdpr-scrub-assignments
UPDATE assignments SET accessories = gdpr_scrub(accessories, CAST(:codes AS text[]))
 WHERE beneficiary_id = :id
   AND accessories <> gdpr_scrub(accessories, CAST(:codes AS text[]))

-- name: gdpr-scrub-assignment-events
UPDATE assignment_events
   SET note = CASE WHEN note IS NULL THEN NULL ELSE '[anonymisé]' END,
       data = gdpr_scrub(data, CAST(:codes AS text[]))
 WHERE assignment_id IN (SELECT id FROM assignments WHERE beneficiary_id = :id)
   AND (note <> '[anonymisé]' OR data <> gdpr_scrub(data, CAST(:codes AS text[])))

-- name: gdpr-scrub-incidents
UPDATE incidents SET note = '[anonymisé]'
 WHERE assignment_id IN (SELECT id FROM assignments WHERE beneficiary_id = :id)
   AND note <> '[anonymisé]'

-- name: gdpr-scrub-follow-ups
UPDATE follow_up_contacts
   SET use_reason = CASE WHEN use_reason IS NULL THEN NULL ELSE '[anonymisé]' END,
       problems = CASE WHEN problems IS NULL THEN NULL ELSE '[anonymisé]' END
 WHERE assignment_id IN (SELECT id FROM assignments WHERE beneficiary_id = :id)
   AND (use_reason <> '[anonymisé]' OR problems <> '[anonymisé]')

-- name: gdpr-scrub-enrolment-events
UPDATE enrolment_events SET note = '[anonymisé]'
 WHERE enrolment_id IN (SELECT id FROM enrolments WHERE beneficiary_id = :id)
   AND note <> '[anonymisé]'

-- The journal of the record holds field names only, but it is JSON that anyone could have written.
-- name: gdpr-scrub-beneficiary-events
UPDATE beneficiary_events SET data = gdpr_scrub(data, CAST(:codes AS text[]))
 WHERE beneficiary_id = :id
   AND data <> gdpr_scrub(data, CAST(:codes AS text[]))

-- Who read or changed the record, and when, stay; what the detail said goes.
-- name: gdpr-scrub-access-log
UPDATE beneficiary_access_log SET detail = '[anonymisé]'
 WHERE beneficiary_id = :id
   AND detail <> '[anonymisé]'

-- The machine's history of the person's loans: handed over, returned (with the missing accessories typed by
-- hand), back to the workshop. States, dates and the machine's own facts stay.
-- name: gdpr-scrub-machine-events
UPDATE machine_events e
   SET note = CASE WHEN e.note IS NULL THEN NULL ELSE '[anonymisé]' END,
       data = gdpr_scrub(e.data, CAST(:codes AS text[]))
  FROM assignments a
 WHERE a.beneficiary_id = :id
   AND e.machine_id = a.machine_id
   AND e.data->>'assignmentId' = CAST(a.id AS text)
   AND (e.note <> '[anonymisé]' OR e.data <> gdpr_scrub(e.data, CAST(:codes AS text[])))

-- name: gdpr-anonymised-event
INSERT INTO beneficiary_events (beneficiary_id, kind, actor_id, data)
VALUES (:id, 'ANONYMISED', :actorId, CAST(:data AS jsonb))

-- name: gdpr-beneficiary
SELECT b.id, b.last_name, b.first_name, b.phone, b.email, b.commune, b.postcode, b.age_bracket, b.situation,
       b.referring_structure, b.gdpr_notice_on, b.anonymised_at, b.created_at, s.name AS site_name,
       u.display_name AS social_worker
  FROM beneficiaries b
  JOIN sites s ON s.id = b.site_id
  LEFT JOIN users u ON u.id = b.social_worker_id
 WHERE b.id = :id
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: gdpr-enrolments
SELECT c.name AS course, cs.label AS session, cs.starts_on, cs.ends_on, e.status, e.enrolled_at
  FROM enrolments e
  JOIN course_sessions cs ON cs.id = e.session_id
  JOIN courses c ON c.id = cs.course_id
 WHERE e.beneficiary_id = :id
 ORDER BY e.id

-- name: gdpr-assignments
SELECT a.id, a.kind, a.status, a.starts_on, a.due_on, a.ended_on, CAST(a.accessories AS text) AS accessories,
       m.tag, m.type, m.brand, m.model
  FROM assignments a
  JOIN machines m ON m.id = a.machine_id
 WHERE a.beneficiary_id = :id
 ORDER BY a.id

-- name: gdpr-assignment-events
SELECT ae.assignment_id, ae.kind, ae.at, ae.note, u.display_name AS actor
  FROM assignment_events ae
  JOIN assignments a ON a.id = ae.assignment_id
  JOIN users u ON u.id = ae.actor_id
 WHERE a.beneficiary_id = :id
 ORDER BY ae.id

-- name: gdpr-contracts
SELECT c.id, c.assignment_id, c.kind, c.sha256, c.created_at, c.purged_at
  FROM contracts c
  JOIN assignments a ON a.id = c.assignment_id
 WHERE a.beneficiary_id = :id
 ORDER BY c.id

-- name: gdpr-access-log-of
SELECT l.at, l.action, l.detail, u.display_name AS actor
  FROM beneficiary_access_log l
  LEFT JOIN users u ON u.id = l.actor_id
 WHERE l.beneficiary_id = :id
 ORDER BY l.id

-- name: gdpr-audit-page
SELECT l.id, l.at, l.action, l.detail, l.beneficiary_id, u.username AS actor
  FROM beneficiary_access_log l
  LEFT JOIN users u ON u.id = l.actor_id
 WHERE (CAST(:beneficiaryId AS bigint) IS NULL OR l.beneficiary_id = CAST(:beneficiaryId AS bigint))
   AND (CAST(:actor AS text) IS NULL OR u.username = CAST(:actor AS text))
 ORDER BY l.id DESC
 LIMIT :limit OFFSET :offset

-- The waiting list, reservations and kits (V21): the priority's reason, notes, accessory names typed by hand, and
-- the journals of each. Codes, dates and rows stay.
-- name: gdpr-scrub-waiting-list
UPDATE waiting_list_entries SET priority_reason = '[anonymisé]'
 WHERE beneficiary_id = :id AND priority_reason <> '[anonymisé]'

-- name: gdpr-scrub-waiting-list-events
UPDATE waiting_list_events
   SET note = CASE WHEN note IS NULL THEN NULL ELSE '[anonymisé]' END,
       data = gdpr_scrub(data, CAST(:codes AS text[]))
 WHERE entry_id IN (SELECT id FROM waiting_list_entries WHERE beneficiary_id = :id)
   AND (note <> '[anonymisé]' OR data <> gdpr_scrub(data, CAST(:codes AS text[])))

-- name: gdpr-scrub-reservations
UPDATE reservations SET note = '[anonymisé]'
 WHERE beneficiary_id = :id AND note <> '[anonymisé]'

-- name: gdpr-scrub-reservation-events
UPDATE reservation_events
   SET note = CASE WHEN note IS NULL THEN NULL ELSE '[anonymisé]' END,
       data = gdpr_scrub(data, CAST(:codes AS text[]))
 WHERE reservation_id IN (SELECT id FROM reservations WHERE beneficiary_id = :id)
   AND (note <> '[anonymisé]' OR data <> gdpr_scrub(data, CAST(:codes AS text[])))

-- name: gdpr-scrub-kit-items
UPDATE assignment_items SET name = '[anonymisé]'
 WHERE assignment_id IN (SELECT id FROM assignments WHERE beneficiary_id = :id)
   AND name <> '[anonymisé]'

-- name: gdpr-scrub-kit-item-events
UPDATE assignment_item_events
   SET note = CASE WHEN note IS NULL THEN NULL ELSE '[anonymisé]' END,
       data = gdpr_scrub(data, CAST(:codes AS text[]))
 WHERE item_id IN (SELECT i.id FROM assignment_items i JOIN assignments a ON a.id = i.assignment_id
                    WHERE a.beneficiary_id = :id)
   AND (note <> '[anonymisé]' OR data <> gdpr_scrub(data, CAST(:codes AS text[])))

-- The history of the kit's tagged items, handed over and returned with the person's loan.
-- name: gdpr-scrub-kit-machine-events
UPDATE machine_events e
   SET note = CASE WHEN e.note IS NULL THEN NULL ELSE '[anonymisé]' END,
       data = gdpr_scrub(e.data, CAST(:codes AS text[]))
  FROM assignment_items i JOIN assignments a ON a.id = i.assignment_id
 WHERE a.beneficiary_id = :id
   AND e.machine_id = i.machine_id
   AND e.data->>'assignmentId' = CAST(a.id AS text)
   AND (e.note <> '[anonymisé]' OR e.data <> gdpr_scrub(e.data, CAST(:codes AS text[])))

-- name: gdpr-waiting-list
SELECT asked_on, array_to_string(uses, ',') AS uses, array_to_string(needs, ',') AS needs, priority, priority_reason,
       children, internet, status
  FROM waiting_list_entries WHERE beneficiary_id = :id ORDER BY id

-- name: gdpr-reservations
SELECT m.tag, r.until, r.status, r.note
  FROM reservations r JOIN machines m ON m.id = r.machine_id WHERE r.beneficiary_id = :id ORDER BY r.id

-- name: gdpr-kit-items
SELECT i.assignment_id, m.tag, i.name, i.quantity, i.returned_on
  FROM assignment_items i JOIN assignments a ON a.id = i.assignment_id LEFT JOIN machines m ON m.id = i.machine_id
 WHERE a.beneficiary_id = :id ORDER BY i.assignment_id, i.position
