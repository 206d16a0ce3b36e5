-- The waiting list, matching, reservations, kits and cohort handovers (loans feature, docs/handover.md).

-- name: waiting-insert
INSERT INTO waiting_list_entries (beneficiary_id, site_id, asked_on, uses, needs, priority, priority_reason, children,
                                  internet, created_by)
VALUES (:beneficiaryId, :siteId, :askedOn, CAST(:uses AS text[]), CAST(:needs AS text[]), :priority, :priorityReason,
        :children, :internet, :createdBy)
RETURNING id

-- name: waiting-event-insert
INSERT INTO waiting_list_events (entry_id, kind, actor_id, note, data)
VALUES (:entryId, :kind, :actorId, :note, CAST(:data AS jsonb))

-- name: waiting-open-of-beneficiary
SELECT id FROM waiting_list_entries WHERE beneficiary_id = :beneficiaryId AND status = 'WAITING'

-- Requests with the person's name, age bracket and situation (the matching rule reads the age bracket and the
-- situation); only those of the reader's site. :status null lists every status.
-- name: waiting-list
SELECT w.id, w.beneficiary_id, b.first_name, b.last_name, b.age_bracket, b.situation, w.site_id, s.code AS site_code,
       s.name AS site_name, w.asked_on, array_to_string(w.uses, ',') AS uses, array_to_string(w.needs, ',') AS needs,
       w.priority, w.priority_reason, w.children, w.internet, w.status, w.created_at
  FROM waiting_list_entries w
  JOIN beneficiaries b ON b.id = w.beneficiary_id
  JOIN sites s ON s.id = w.site_id
 WHERE (CAST(:status AS text) IS NULL OR w.status = :status)
   AND (CAST(:id AS bigint) IS NULL OR w.id = :id)
   AND (CAST(:siteId AS bigint) IS NULL OR w.site_id = :siteId)
 ORDER BY CASE w.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END, w.asked_on, w.id
 LIMIT 500

-- Every open request, in the order of waiting-list, for the machine page's matches: each instance keeps this list in
-- memory until V33 announces 'waiting-list' (docs/performance.md), and takes each reader's site from it.
-- name: waiting-open-everywhere
SELECT w.id, w.beneficiary_id, b.first_name, b.last_name, b.age_bracket, b.situation, w.site_id, s.code AS site_code,
       s.name AS site_name, w.asked_on, array_to_string(w.uses, ',') AS uses, array_to_string(w.needs, ',') AS needs,
       w.priority, w.priority_reason, w.children, w.internet, w.status, w.created_at
  FROM waiting_list_entries w
  JOIN beneficiaries b ON b.id = w.beneficiary_id
  JOIN sites s ON s.id = w.site_id
 WHERE w.status = 'WAITING'
 ORDER BY CASE w.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END, w.asked_on, w.id

-- name: waiting-lock
SELECT id, status, beneficiary_id FROM waiting_list_entries
 WHERE id = :id AND (CAST(:siteId AS bigint) IS NULL OR site_id = :siteId) FOR UPDATE

-- name: waiting-set-status
UPDATE waiting_list_entries SET status = :status, updated_at = now() WHERE id = :id

-- name: waiting-events
SELECT e.kind, e.at, e.note, u.display_name AS actor
  FROM waiting_list_events e JOIN users u ON u.id = e.actor_id
 WHERE e.entry_id = :id ORDER BY e.id

-- READY machines with what the matching rule compares: site, type, screen, battery, grade, memory, and whether the
-- webcam passed the quality check that made the machine READY (its last transition to READY). Reserved ones too,
-- with their reservation, so that the page can say so; those of :tag only when given.
-- name: matching-machines
SELECT m.id, m.tag, m.type, m.brand, m.model, m.grade, m.ram_gb, m.screen_inches, m.battery_health, m.site_id,
       s.name AS site_name,
       (SELECT e.data #>> '{quality,webcam}' FROM machine_events e
         WHERE e.machine_id = m.id AND e.to_state = 'READY' ORDER BY e.id DESC LIMIT 1) AS webcam,
       r.beneficiary_id AS reserved_for
  FROM machines m
  JOIN sites s ON s.id = m.site_id
  LEFT JOIN reservations r ON r.machine_id = m.id AND r.status = 'ACTIVE'
 WHERE m.state = 'READY'
   AND (CAST(:tag AS text) IS NULL OR m.tag = :tag)
 ORDER BY m.tag
 LIMIT 1000

-- The reservations whose date has passed, locked: the sweep marks each LAPSED with its event.
-- name: reservations-due
SELECT id, machine_id FROM reservations WHERE status = 'ACTIVE' AND until < :today FOR UPDATE SKIP LOCKED

-- name: reservation-lapse
UPDATE reservations SET status = 'LAPSED', ended_at = now() WHERE id = :id AND status = 'ACTIVE'

-- name: reservation-insert
INSERT INTO reservations (machine_id, beneficiary_id, until, note, created_by)
VALUES (:machineId, :beneficiaryId, :until, :note, :createdBy)
RETURNING id

-- name: reservation-event-insert
INSERT INTO reservation_events (reservation_id, kind, actor_id, note, data)
VALUES (:reservationId, :kind, :actorId, :note, CAST(:data AS jsonb))

-- name: reservation-active-of-machine
SELECT r.id, r.beneficiary_id, r.until, b.first_name, b.site_id
  FROM reservations r JOIN beneficiaries b ON b.id = r.beneficiary_id
 WHERE r.machine_id = :machineId AND r.status = 'ACTIVE'

-- name: reservation-end
UPDATE reservations SET status = :status, ended_at = now() WHERE id = :id AND status = 'ACTIVE'

-- An assignment to the person a reservation holds the machine for fulfils it: the reservation and its event at once.
-- name: reservation-fulfil
WITH r AS (UPDATE reservations SET status = 'FULFILLED', ended_at = now() WHERE id = :id AND status = 'ACTIVE' RETURNING id)
INSERT INTO reservation_events (reservation_id, kind, actor_id, note, data)
SELECT r.id, 'FULFILLED', :actorId, NULL, CAST(:data AS jsonb) FROM r

-- An assignment serves the person's open request: the request and its event at once; a request withdrawn meanwhile
-- stays withdrawn.
-- name: waiting-served
WITH w AS (UPDATE waiting_list_entries SET status = 'SERVED', updated_at = now() WHERE id = :id AND status = 'WAITING' RETURNING id)
INSERT INTO waiting_list_events (entry_id, kind, actor_id, note, data)
SELECT w.id, 'SERVED', :actorId, NULL, CAST(:data AS jsonb) FROM w

-- name: reservation-lock
SELECT r.id, r.status, r.machine_id, r.beneficiary_id, m.tag
  FROM reservations r JOIN beneficiaries b ON b.id = r.beneficiary_id JOIN machines m ON m.id = r.machine_id
 WHERE r.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId) FOR UPDATE OF r

-- name: reservations-list
SELECT r.id, r.machine_id, m.tag, m.type, m.brand, m.model, r.beneficiary_id, b.first_name, b.last_name, r.until,
       r.status, r.created_at
  FROM reservations r JOIN beneficiaries b ON b.id = r.beneficiary_id JOIN machines m ON m.id = r.machine_id
 WHERE (CAST(:status AS text) IS NULL OR r.status = :status)
   AND (CAST(:id AS bigint) IS NULL OR r.id = :id)
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY r.until, r.id
 LIMIT 500

-- A reservation without the person: what a technician may see on the machine's page.
-- The machine page's reservation, whatever its date: the page keeps it and shows it while its date has not passed.
-- name: reservation-of-machine-page
SELECT r.until, b.first_name
  FROM reservations r JOIN beneficiaries b ON b.id = r.beneficiary_id
 WHERE r.machine_id = :machineId AND r.status = 'ACTIVE'

-- name: kit-machine-lock
SELECT id, tag, state, type, brand, model, serial FROM machines WHERE tag = :tag FOR UPDATE

-- name: kit-machine-out
SELECT id FROM assignment_items WHERE machine_id = :machineId AND returned_on IS NULL

-- name: kit-item-insert
INSERT INTO assignment_items (assignment_id, position, machine_id, name, quantity)
VALUES (:assignmentId, :position, :machineId, :name, :quantity)
RETURNING id

-- name: kit-item-event-insert
INSERT INTO assignment_item_events (item_id, kind, actor_id, note, data)
VALUES (:itemId, :kind, :actorId, :note, CAST(:data AS jsonb))

-- name: kit-items
SELECT i.id, i.position, i.machine_id, m.tag, m.type, m.brand, m.model, m.serial, i.name, i.quantity, i.returned_on
  FROM assignment_items i LEFT JOIN machines m ON m.id = i.machine_id
 WHERE i.assignment_id = :assignmentId
 ORDER BY i.position

-- name: kit-item-lock
SELECT i.id, i.assignment_id, i.machine_id, m.tag, i.name, i.quantity, i.returned_on
  FROM assignment_items i LEFT JOIN machines m ON m.id = i.machine_id
 WHERE i.id = :id AND i.assignment_id = :assignmentId FOR UPDATE OF i

-- name: kit-item-return
UPDATE assignment_items SET returned_on = :returnedOn WHERE id = :id AND returned_on IS NULL

-- The enrolled participants of a session who hold no loan or gift yet: the rows of the cohort handover page.
-- name: cohort-participants
SELECT b.id, b.first_name, b.last_name
  FROM enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id
 WHERE e.session_id = :sessionId AND e.status = 'ENROLLED' AND b.anonymised_at IS NULL
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.beneficiary_id = b.id AND a.status IN ('ACTIVE', 'GIVEN'))
 ORDER BY b.last_name, b.first_name, b.id

-- name: waiting-lock-person
SELECT id, site_id FROM beneficiaries
 WHERE id = :id AND anonymised_at IS NULL AND (CAST(:siteId AS bigint) IS NULL OR site_id = :siteId) FOR UPDATE

-- name: kit-machine-state
SELECT id, state FROM machines WHERE tag = :tag

-- name: cohort-machine-check
SELECT m.id, m.state, r.beneficiary_id AS reserved_for, r.until
  FROM machines m LEFT JOIN reservations r ON r.machine_id = m.id AND r.status = 'ACTIVE'
 WHERE m.tag = :tag

-- name: kit-item-assignment
SELECT assignment_id FROM assignment_items WHERE id = :id

-- name: waiting-counts
SELECT count(*) FILTER (WHERE w.status = 'WAITING') AS waiting,
       count(*) FILTER (WHERE w.status = 'WAITING' AND w.priority <> 'NORMAL') AS prioritised,
       (SELECT count(*) FROM reservations r JOIN beneficiaries b ON b.id = r.beneficiary_id
         WHERE r.status = 'ACTIVE' AND r.until >= :today
           AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)) AS reserved
  FROM waiting_list_entries w
 WHERE (CAST(:siteId AS bigint) IS NULL OR w.site_id = :siteId)

-- name: waiting-update
UPDATE waiting_list_entries
   SET uses = CAST(:uses AS text[]), needs = CAST(:needs AS text[]), priority = :priority,
       priority_reason = :priorityReason, children = :children, internet = :internet, updated_at = now()
 WHERE id = :id
