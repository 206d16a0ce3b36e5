-- Erasure evidence (evidence/): archived tool outputs, what was read from them, and SMART reports.

-- The import's key is the file's SHA-256: a second import of the same bytes inserts nothing and finds the first.
-- name: evidence-file-insert
INSERT INTO evidence_files (kind, file_name, sha256, size_bytes, content, tool, imported_by)
VALUES (:kind, :fileName, :sha256, :sizeBytes, :content, :tool, :importedBy)
ON CONFLICT (sha256) DO NOTHING
RETURNING id

-- name: evidence-file-by-hash
SELECT f.id, f.kind, f.file_name, f.tool, f.imported_at, u.username
  FROM evidence_files f
  JOIN users u ON u.id = f.imported_by
 WHERE f.sha256 = :sha256

-- name: evidence-file-content
SELECT f.kind, f.file_name, encode(f.sha256, 'hex') AS sha256, f.content
  FROM evidence_files f
 WHERE f.id = :id

-- name: evidence-machine-id
SELECT id FROM machines WHERE tag = :tag

-- name: evidence-device-insert
INSERT INTO evidence_devices (evidence_file_id, position, device_name, serial, model, status, method, nist_level,
                              rounds, passes, verify, blanked, pass_errors, verify_errors, sync_errors,
                              started_at, ended_at, machine_id, storage_device_id, erasure_id)
VALUES (:fileId, :position, :deviceName, :serial, :model, :status, :method, :nistLevel,
        :rounds, :passes, :verify, :blanked, :passErrors, :verifyErrors, :syncErrors,
        :startedAt, :endedAt, :machineId, :storageDeviceId, :erasureId)

-- name: evidence-devices-of-file
SELECT d.position, d.device_name, d.serial, d.model, d.status, d.storage_device_id, d.erasure_id, m.tag
  FROM evidence_devices d
  LEFT JOIN machines m ON m.id = d.machine_id
 WHERE d.evidence_file_id = :fileId
 ORDER BY d.position

-- The machine an import is for, locked like every workshop action.
-- name: evidence-machine-lock
SELECT id, tag, state FROM machines WHERE tag = :tag FOR UPDATE

-- name: evidence-machine-lock-by-id
SELECT id, tag, state FROM machines WHERE id = :id FOR UPDATE

-- name: evidence-machine-devices
SELECT id, kind, serial, model FROM storage_devices WHERE machine_id = :machineId ORDER BY id

-- The same key as evidence/Serials.key: upper case, no spaces (index storage_devices_serial_key).
-- name: evidence-devices-by-serial-key
SELECT sd.id, sd.machine_id, sd.serial, sd.model, m.tag, m.state
  FROM storage_devices sd
  JOIN machines m ON m.id = sd.machine_id
 WHERE upper(regexp_replace(sd.serial, '\s', '', 'g')) = :serialKey
 ORDER BY sd.id

-- name: evidence-erasure-insert
INSERT INTO erasures (machine_id, storage_device_id, method, tool, passes, verified, result, performed_on,
                      technician_id, evidence_file_id)
VALUES (:machineId, :deviceId, :method, :tool, :passes, :verified, :result, :performedOn, :technicianId, :fileId)
RETURNING id

-- name: evidence-event-insert
INSERT INTO machine_events (machine_id, kind, actor_id, note, data)
VALUES (:machineId, :kind, :actorId, :note, CAST(:data AS jsonb))

-- name: smart-report-insert
INSERT INTO smart_reports (evidence_file_id, machine_id, storage_device_id, protocol, model, serial, capacity_bytes,
                           power_on_hours, reallocated_sectors, pending_sectors, media_errors, critical_warning,
                           passed, smartctl_version, imported_by)
VALUES (:fileId, :machineId, :deviceId, :protocol, :model, :serial, :capacityBytes, :powerOnHours, :reallocated,
        :pending, :mediaErrors, :criticalWarning, :passed, :smartctlVersion, :importedBy)
RETURNING id

-- name: smart-report-of-file
SELECT r.storage_device_id, r.passed, r.serial, r.model, m.tag
  FROM smart_reports r
  JOIN machines m ON m.id = r.machine_id
 WHERE r.evidence_file_id = :fileId

-- Each storage device of the machine that has SMART reports: its latest verdict, and whether it was destroyed
-- (a passing DESTROY record, NIST SP 800-88's third level). evidence/SmartHealth decides from these.
-- name: smart-health-of-machine
SELECT sd.id, sd.serial, sd.model, latest.passed,
       EXISTS (SELECT 1 FROM erasures e
                WHERE e.storage_device_id = sd.id AND e.method = 'DESTROY' AND e.result = 'PASS') AS destroyed
  FROM storage_devices sd
  JOIN LATERAL (SELECT r.passed FROM smart_reports r WHERE r.storage_device_id = sd.id
                 ORDER BY r.id DESC LIMIT 1) latest ON true
 WHERE sd.machine_id = :machineId
 ORDER BY sd.id

-- The evidence files behind a machine's erasures and SMART reports, for its page and the donor's certificate.
-- name: evidence-files-of-machine
SELECT DISTINCT f.id, f.kind, f.file_name, encode(f.sha256, 'hex') AS sha256, f.size_bytes, f.tool, f.imported_at
  FROM evidence_files f
 WHERE f.id IN (SELECT d.evidence_file_id FROM evidence_devices d WHERE d.machine_id = :machineId
                UNION SELECT r.evidence_file_id FROM smart_reports r WHERE r.machine_id = :machineId)
 ORDER BY f.imported_at, f.id

-- The workbench script's tokens (V29): only the code's hash is kept.
-- name: workbench-machine
SELECT id, state FROM machines WHERE tag = :tag

-- name: workbench-token-insert
INSERT INTO workbench_tokens (token_hash, machine_id, created_by, expires_at)
VALUES (:tokenHash, :machineId, :createdBy, :expiresAt)

-- The technician the token speaks for (users columns as User.fromRow reads them), and the token's machine.
-- name: workbench-token-find
SELECT t.id AS token_id, t.expires_at, t.revoked_at, m.tag,
       u.id, u.username, u.display_name, u.role, u.active, u.site_id
  FROM workbench_tokens t
  JOIN machines m ON m.id = t.machine_id
  JOIN users u ON u.id = t.created_by
 WHERE t.token_hash = :tokenHash

-- name: workbench-token-use
INSERT INTO workbench_token_uses (token_id, method, path, accepted) VALUES (:tokenId, :method, :path, :accepted)

-- Only a token in force is revoked: a second revocation changes nothing (the caller says so).
-- name: workbench-token-revoke
UPDATE workbench_tokens t SET revoked_by = :revokedBy, revoked_at = now()
  FROM machines m
 WHERE t.id = :id AND m.id = t.machine_id AND m.tag = :tag AND t.revoked_at IS NULL AND t.expires_at > now()

-- name: workbench-tokens-active
SELECT t.id, t.expires_at, u.display_name,
       (SELECT count(*) FROM workbench_token_uses w WHERE w.token_id = t.id AND w.accepted) AS uses
  FROM workbench_tokens t
  JOIN users u ON u.id = t.created_by
 WHERE t.machine_id = :machineId AND t.revoked_at IS NULL AND t.expires_at > now()
 ORDER BY t.created_at

-- Each storage device's latest SMART report with its figures, for the machine page.
-- name: smart-latest-of-machine
SELECT sd.id, sd.serial, sd.model, r.passed, r.power_on_hours, r.reallocated_sectors, r.pending_sectors,
       r.media_errors, r.protocol,
       EXISTS (SELECT 1 FROM erasures e
                WHERE e.storage_device_id = sd.id AND e.method = 'DESTROY' AND e.result = 'PASS') AS destroyed
  FROM storage_devices sd
  JOIN LATERAL (SELECT * FROM smart_reports s WHERE s.storage_device_id = sd.id ORDER BY s.id DESC LIMIT 1) r ON true
 WHERE sd.machine_id = :machineId
 ORDER BY sd.id

-- name: evidence-files-of-machine-page
SELECT f.id, f.kind, f.file_name, encode(f.sha256, 'hex') AS sha256, f.imported_at, u.display_name
  FROM evidence_files f
  JOIN users u ON u.id = f.imported_by
 WHERE f.id IN (SELECT d.evidence_file_id FROM evidence_devices d WHERE d.machine_id = :machineId
                UNION SELECT r.evidence_file_id FROM smart_reports r WHERE r.machine_id = :machineId)
 ORDER BY f.imported_at, f.id

-- The demo's machines for evidence: the first two in reconditioning with one disk of known serial.
-- name: evidence-demo-machines
SELECT m.tag, min(sd.serial) AS serial
  FROM machines m JOIN storage_devices sd ON sd.machine_id = m.id
 WHERE m.state = 'IN_RECONDITIONING' AND sd.serial IS NOT NULL
 GROUP BY m.id, m.tag HAVING count(*) = 1
 ORDER BY m.id LIMIT 2
