-- name: sites-all
SELECT id, code, name, tag_prefix FROM sites ORDER BY name

-- name: site-by-code
SELECT id, code, name, tag_prefix FROM sites WHERE code = :code

-- name: site-insert
INSERT INTO sites (code, name, tag_prefix, address) VALUES (:code, :name, :tagPrefix, :address)
ON CONFLICT (code) DO NOTHING

-- name: donors-all
SELECT d.id, d.kind, d.name, d.contact_name, d.email, d.phone,
       (SELECT count(*) FROM donations n WHERE n.donor_id = d.id) AS donations,
       (SELECT count(*) FROM machines m JOIN donations n ON n.id = m.donation_id WHERE n.donor_id = d.id) AS machines
  FROM donors d
 ORDER BY lower(d.name)

-- name: donor-by-id
SELECT d.id, d.kind, d.name, d.contact_name, d.email, d.phone, 0 AS donations, 0 AS machines
  FROM donors d
 WHERE d.id = :id

-- name: donor-insert
INSERT INTO donors (kind, name, contact_name, email, phone, created_by)
VALUES (:kind, :name, :contactName, :email, :phone, :createdBy)
RETURNING id

-- name: donation-insert
INSERT INTO donations (donor_id, site_id, received_on, note, created_by)
VALUES (:donorId, :siteId, :receivedOn, :note, :createdBy)
RETURNING id

-- name: donations-recent
SELECT n.id, n.donor_id, d.name AS donor_name, s.code AS site_code, s.name AS site_name, n.received_on, n.note,
       (SELECT count(*) FROM machines m WHERE m.donation_id = n.id) AS machine_count
  FROM donations n
  JOIN donors d ON d.id = n.donor_id
  JOIN sites s ON s.id = n.site_id
 ORDER BY n.received_on DESC, n.id DESC
 LIMIT :limit OFFSET :offset

-- name: donation-by-id
SELECT n.id, n.donor_id, d.name AS donor_name, s.code AS site_code, s.name AS site_name, n.received_on, n.note,
       (SELECT count(*) FROM machines m WHERE m.donation_id = n.id) AS machine_count
  FROM donations n
  JOIN donors d ON d.id = n.donor_id
  JOIN sites s ON s.id = n.site_id
 WHERE n.id = :id

-- name: tag-allocate
INSERT INTO tag_counters (prefix, year, last_value) VALUES (:prefix, :year, :count)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = tag_counters.last_value + :count
 WHERE tag_counters.last_value + :count <= 99999
RETURNING last_value

-- name: machine-serial-taken
SELECT tag FROM machines WHERE type = :type AND upper(serial) = upper(:serial)

-- name: machine-insert
INSERT INTO machines (tag, donation_id, site_id, type, brand, model, serial)
VALUES (:tag, :donationId, :siteId, :type, :brand, :model, :serial)
RETURNING id

-- Every write of a machine runs this one and machine-lock: their parameters are positional, which Helidon binds as they
-- are, where it parses a statement with named parameters again at each execution (3 % of the processor of a transition).
-- name: event-insert
INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, note, data)
VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))

-- The filters are V17's machines_matching, shared with label-tags-by-filter (labels.sql).
-- name: machines-page
SELECT m.tag, m.type, m.brand, m.model, m.serial, m.state, m.grade, m.ram_gb, s.code AS site_code, m.donation_id,
       count(*) OVER () AS total
  FROM machines_matching(CAST(:state AS text), CAST(:type AS text), CAST(:site AS text), CAST(:grade AS text),
                         CAST(:donation AS bigint), CAST(:q AS text), CAST(:pattern AS text)) m
  JOIN sites s ON s.id = m.site_id
 ORDER BY m.id DESC
 LIMIT :limit OFFSET :offset

-- The whole machine page in one round trip: the machine, its storage devices with their last erasure, and its
-- history, the last two as JSON arrays (a scan lookup is the most frequent request of the service). Positional
-- parameter: Helidon re-parses named ones at each execution. Times travel as epoch microseconds, cheaper to read.
-- An array of tags: the scan lookup reads the misses of concurrent requests together (inventory/MachineLoader).
-- name: machine-by-tag
SELECT m.id, m.tag, m.type, m.brand, m.model, m.serial, m.state, m.grade, m.cpu, m.ram_gb, m.screen_inches,
       m.battery_health, m.webcam, m.os_name, m.os_version, m.os_licence, m.donation_id, n.received_on,
       d.name AS donor_name, s.id AS site_id, s.code AS site_code, s.name AS site_name, s.tag_prefix, m.location,
       (SELECT CAST(coalesce(json_agg(json_build_object(
                   'id', sd.id, 'kind', sd.kind, 'capacityGb', sd.capacity_gb, 'serial', sd.serial, 'model', sd.model,
                   'method', e.method, 'tool', e.tool, 'passes', e.passes, 'verified', e.verified, 'result', e.result,
                   'performedOn', e.performed_on, 'technician', u.username) ORDER BY sd.id), '[]') AS text)
          FROM storage_devices sd
          LEFT JOIN LATERAL (SELECT * FROM erasures x WHERE x.storage_device_id = sd.id ORDER BY x.id DESC LIMIT 1) e ON true
          LEFT JOIN users u ON u.id = e.technician_id
         WHERE sd.machine_id = m.id) AS storage,
       -- Each event as a row made JSON, its column names as keys; json_build_object with sixteen arguments
       -- made the whole statement cost 13 % more (docs/performance.md, the record query).
       (SELECT CAST(coalesce(json_agg(e ORDER BY e.id), '[]') AS text)
          FROM (SELECT ev.id, ev.kind, ev.from_state AS "from", ev.to_state AS "to", u.username AS actor,
                       CAST(extract(epoch FROM ev.at) * 1000000 AS bigint) AS at, ev.note, ev.data
                  FROM machine_events ev
                  JOIN users u ON u.id = ev.actor_id
                 WHERE ev.machine_id = m.id) e) AS events
  FROM machines m
  JOIN sites s ON s.id = m.site_id
  JOIN donations n ON n.id = m.donation_id
  JOIN donors d ON d.id = n.donor_id
 WHERE m.tag = ANY(?)

-- name: machine-lock
SELECT id, state, type FROM machines WHERE tag = ? FOR UPDATE

-- name: machine-storage
SELECT sd.id, sd.kind, sd.capacity_gb, sd.serial, sd.model,
       e.method, e.tool, e.passes, e.verified, e.result, e.performed_on, u.username AS technician
  FROM storage_devices sd
  LEFT JOIN LATERAL (SELECT * FROM erasures x WHERE x.storage_device_id = sd.id ORDER BY x.id DESC LIMIT 1) e ON true
  LEFT JOIN users u ON u.id = e.technician_id
 WHERE sd.machine_id = :machineId
 ORDER BY sd.id

-- name: machine-set-diagnosis
UPDATE machines
   SET cpu = :cpu, ram_gb = :ramGb, screen_inches = :screenInches, battery_health = :batteryHealth,
       grade = :grade, updated_at = now()
 WHERE id = :id

-- name: machine-set-os
UPDATE machines SET os_name = :osName, os_version = :osVersion, os_licence = :osLicence, updated_at = now()
 WHERE id = :id

-- name: machine-set-hardware
UPDATE machines
   SET cpu = COALESCE(:cpu, cpu), ram_gb = COALESCE(:ramGb, ram_gb),
       brand = COALESCE(brand, :brand), model = COALESCE(:model, model), updated_at = now()
 WHERE id = :id

-- name: storage-insert
INSERT INTO storage_devices (machine_id, kind, capacity_gb, serial, model)
VALUES (:machineId, :kind, :capacityGb, :serial, :model)
RETURNING id

-- name: storage-serial-exists
SELECT id FROM storage_devices WHERE machine_id = :machineId AND upper(serial) = upper(:serial)

-- name: erasure-insert
INSERT INTO erasures (machine_id, storage_device_id, method, tool, passes, verified, result, performed_on, technician_id)
VALUES (:machineId, :deviceId, :method, :tool, :passes, :verified, :result, :performedOn, :technicianId)

-- The erasure gate (ErasureGate): each storage device needs a passing, verified erasure (method DESTROY for a
-- physical destruction) recorded since the machine's last handover.
-- name: storage-without-passing-erasure
SELECT sd.id, sd.kind, sd.serial, sd.model
  FROM storage_devices sd
 WHERE sd.machine_id = :machineId
   AND NOT EXISTS (
       SELECT 1 FROM erasures e
        WHERE e.storage_device_id = sd.id AND e.result = 'PASS' AND e.verified
          AND e.created_at > COALESCE((SELECT max(x.at) FROM machine_events x
                                        WHERE x.machine_id = sd.machine_id AND x.kind = 'TRANSITION'
                                          AND x.to_state = 'ASSIGNED'), '-infinity'))
 ORDER BY sd.id

-- The technician's statement that the machine holds no storage device, while it stands: not withdrawn by a
-- storage device recorded afterwards, and made since the machine's last handover.
-- name: no-storage-in-force
SELECT s.id, s.note, s.at, u.username
  FROM machine_events s
  JOIN users u ON u.id = s.actor_id
 WHERE s.machine_id = :machineId AND s.kind = 'NO_STORAGE'
   AND NOT EXISTS (SELECT 1 FROM machine_events x
                    WHERE x.machine_id = s.machine_id AND x.id > s.id
                      AND (x.kind = 'NO_STORAGE_REVOKED' OR (x.kind = 'TRANSITION' AND x.to_state = 'ASSIGNED')))
 ORDER BY s.id DESC
 LIMIT 1

-- The erasure gate's facts in one round trip (ErasureGate.missing): the devices without a passing, verified erasure
-- since the last handover (the rule of storage-without-passing-erasure, as a JSON array in device order), how many
-- devices the machine has, whether it was ever handed over, and whether a no-storage statement stands (the rule of
-- no-storage-in-force).
-- name: erasure-gate
WITH handover AS (
    SELECT max(x.at) AS at FROM machine_events x
     WHERE x.machine_id = :machineId AND x.kind = 'TRANSITION' AND x.to_state = 'ASSIGNED'
)
SELECT (SELECT CAST(coalesce(json_agg(json_build_object('kind', sd.kind, 'serial', sd.serial, 'model', sd.model)
                                      ORDER BY sd.id), '[]') AS text)
          FROM storage_devices sd
         WHERE sd.machine_id = :machineId
           AND NOT EXISTS (
               SELECT 1 FROM erasures e
                WHERE e.storage_device_id = sd.id AND e.result = 'PASS' AND e.verified
                  AND e.created_at > COALESCE(h.at, '-infinity'))) AS uncleared,
       (SELECT count(*) FROM storage_devices sd WHERE sd.machine_id = :machineId) AS devices,
       h.at IS NOT NULL AS handed_over,
       EXISTS (SELECT 1 FROM machine_events s
                WHERE s.machine_id = :machineId AND s.kind = 'NO_STORAGE'
                  AND NOT EXISTS (SELECT 1 FROM machine_events x
                                   WHERE x.machine_id = s.machine_id AND x.id > s.id
                                     AND (x.kind = 'NO_STORAGE_REVOKED'
                                          OR (x.kind = 'TRANSITION' AND x.to_state = 'ASSIGNED')))) AS statement_in_force
  FROM handover h

-- name: machine-counts-by-state
SELECT state, count(*) AS n FROM machines GROUP BY state

-- name: donors-count
SELECT count(*) AS n FROM donors

-- name: machine-location-lock
SELECT id, location FROM machines WHERE tag = :tag FOR UPDATE

-- name: machine-set-location
UPDATE machines SET location = :location, updated_at = now() WHERE id = :id

-- The specs a correction may change (SpecsCorrections), locked.
-- name: machine-specs-lock
SELECT id, state, cpu, ram_gb, screen_inches, battery_health, webcam FROM machines WHERE tag = :tag FOR UPDATE

-- The id of the machine's last event: the page sends the one it showed, a newer one means someone else changed the
-- machine meanwhile.
-- name: machine-last-event
SELECT coalesce(max(id), 0) AS last_event FROM machine_events WHERE machine_id = :id

-- name: machine-set-specs
UPDATE machines SET cpu = :cpu, ram_gb = :ramGb, screen_inches = :screenInches, battery_health = :batteryHealth,
                    webcam = :webcam, updated_at = now()
 WHERE id = :id

-- The technician's home page: each machine in the workshop with the step that awaits it (docs/ui.md, "Pages
-- d'accueil"). A storage device without a passing, verified erasure since the last handover, or a machine of a type
-- that holds data (MachineType.holdsData) with no device and no statement in force, waits for its erasure.
-- name: workshop-queue
-- The twelve oldest machines of each step, each row with its step's full count.
SELECT r.tag, r.type, r.brand, r.model, r.step, r.total
  FROM (SELECT q.*, row_number() OVER (PARTITION BY q.step ORDER BY q.id) AS n,
               count(*) OVER (PARTITION BY q.step) AS total
          FROM (SELECT m.id, m.tag, m.type, m.brand, m.model,
               CASE WHEN m.state IN ('RECEIVED', 'IN_DIAGNOSIS', 'RETURNED') THEN 'DIAGNOSE'
                    WHEN EXISTS (SELECT 1 FROM storage_devices sd
                                  WHERE sd.machine_id = m.id
                                    AND NOT EXISTS (SELECT 1 FROM erasures e
                                                     WHERE e.storage_device_id = sd.id AND e.result = 'PASS' AND e.verified
                                                       AND e.created_at > COALESCE((SELECT max(x.at) FROM machine_events x
                                                                                     WHERE x.machine_id = m.id AND x.kind = 'TRANSITION'
                                                                                       AND x.to_state = 'ASSIGNED'), '-infinity')))
                      OR (m.type IN ('LAPTOP', 'DESKTOP', 'TABLET', 'PHONE')
                          AND NOT EXISTS (SELECT 1 FROM storage_devices sd WHERE sd.machine_id = m.id)
                          AND NOT EXISTS (SELECT 1 FROM machine_events s
                                           WHERE s.machine_id = m.id AND s.kind = 'NO_STORAGE'
                                             AND NOT EXISTS (SELECT 1 FROM machine_events x
                                                              WHERE x.machine_id = m.id AND x.id > s.id
                                                                AND (x.kind = 'NO_STORAGE_REVOKED'
                                                                     OR (x.kind = 'TRANSITION' AND x.to_state = 'ASSIGNED')))))
                         THEN 'ERASE'
                    WHEN m.os_name IS NULL THEN 'REPAIR'
                    ELSE 'CHECK' END AS step
          FROM machines m
         WHERE m.state IN ('RECEIVED', 'IN_DIAGNOSIS', 'RETURNED', 'IN_RECONDITIONING')) q
) r
 WHERE r.n <= 12
 ORDER BY r.id
