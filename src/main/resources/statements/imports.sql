-- Importing an inventory (imports/, docs/imports.md). Lists travel as one JSON parameter, expanded with
-- jsonb_to_recordset: 10 000 rows are one statement each, not 10 000 round trips.

-- name: import-sites
SELECT id, code, name, tag_prefix FROM sites ORDER BY name

-- Serializes commits: two imports of the same file at once would otherwise both pass the checks.
-- name: import-lock
SELECT count(*) AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('parc.machine-import'))) l

-- name: import-already-done
SELECT i.id, i.created_at, u.display_name
  FROM machine_imports i JOIN users u ON u.id = i.created_by
 WHERE i.sha256 = :sha256
 ORDER BY i.id
 LIMIT 1

-- name: import-serials-taken
SELECT x.type, x.serial, m.tag
  FROM jsonb_to_recordset(CAST(:items AS jsonb)) AS x(type text, serial text)
  JOIN machines m ON m.type = x.type AND upper(m.serial) = upper(x.serial)

-- name: import-tags-taken
SELECT m.tag FROM machines m WHERE m.tag IN (SELECT jsonb_array_elements_text(CAST(:tags AS jsonb)))

-- The oldest donor of each name, compared without case nor extra spaces (imported donors are matched by name).
-- Donors are few (a workshop has hundreds): reading them all is cheaper than an index on the folded name.
-- name: import-donors-by-name
SELECT DISTINCT ON (x.name) x.name AS asked, d.id, d.name
  FROM jsonb_array_elements_text(CAST(:names AS jsonb)) AS x(name)
  JOIN donors d ON lower(regexp_replace(btrim(d.name), '\s+', ' ', 'g')) = lower(x.name)
 ORDER BY x.name, d.id

-- name: import-insert
INSERT INTO machine_imports (file_name, sha256, source, mapping, rows, machines, donors_created, donations, created_by)
VALUES (:fileName, :sha256, :source, CAST(:mapping AS jsonb), :rows, :machines, :donorsCreated, :donations, :createdBy)
RETURNING id

-- name: import-donors-insert
INSERT INTO donors (kind, name, created_by)
SELECT x.kind, x.name, :createdBy
  FROM jsonb_to_recordset(CAST(:donors AS jsonb)) AS x(kind text, name text)
RETURNING id, name

-- name: import-donations-insert
INSERT INTO donations (donor_id, site_id, received_on, note, created_by)
SELECT x.donor_id, x.site_id, x.received_on, :note, :createdBy
  FROM jsonb_to_recordset(CAST(:donations AS jsonb)) AS x(donor_id bigint, site_id bigint, received_on date)
RETURNING id, donor_id, site_id, received_on

-- Kept tags must never be handed out again: the counter of their prefix and year is raised past them
-- (inside the import transaction, whose row lock makes concurrent intakes wait).
-- name: import-tag-counter-raise
INSERT INTO tag_counters (prefix, year, last_value) VALUES (:prefix, :year, :value)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = greatest(tag_counters.last_value, EXCLUDED.last_value)

-- Same upsert as tag-allocate in inventory.sql (TagAllocator), for the rows that bring no tag of their own.
-- name: import-tags-allocate
INSERT INTO tag_counters (prefix, year, last_value) VALUES (:prefix, :year, :count)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = tag_counters.last_value + :count
 WHERE tag_counters.last_value + :count <= 99999
RETURNING last_value

-- Machines enter in their entry state; their IMPORTED event (below) records it.
-- name: import-machines-insert
INSERT INTO machines (tag, donation_id, site_id, type, brand, model, serial, state)
SELECT x.tag, x.donation_id, x.site_id, x.type, x.brand, x.model, x.serial, x.state
  FROM jsonb_array_elements(CAST(:machines AS jsonb)) WITH ORDINALITY AS e(item, n)
 CROSS JOIN LATERAL jsonb_to_record(e.item) AS x(tag text, donation_id bigint, site_id bigint, type text,
                                               brand text, model text, serial text, state text)
 ORDER BY e.n

-- name: import-events-insert
INSERT INTO machine_events (machine_id, kind, to_state, actor_id, note, data)
SELECT m.id, 'IMPORTED', x.state, :actorId, x.note, x.data
  FROM jsonb_array_elements(CAST(:events AS jsonb)) WITH ORDINALITY AS e(item, n)
 CROSS JOIN LATERAL jsonb_to_record(e.item) AS x(tag text, state text, note text, data jsonb)
  JOIN machines m ON m.tag = x.tag
 ORDER BY e.n

-- Deposits (V30): the file between the steps of the import pages, one hour at most, for its author only.
-- name: deposit-insert
INSERT INTO import_deposits (id, file_name, sha256, bytes, content, created_by, created_at, expires_at)
VALUES (CAST(:id AS uuid), :fileName, :sha256, :bytes, :content, :createdBy, :createdAt, :expiresAt)

-- name: deposit-get
SELECT id, file_name, sha256, bytes, content, created_by, created_at, expires_at, removed_reason, import_id
  FROM import_deposits WHERE id = CAST(:id AS uuid)

-- Held by an import's transaction from before its checks to its commit; nothing once the content is gone.
-- name: deposit-lock
SELECT id FROM import_deposits
 WHERE id = CAST(:id AS uuid) AND created_by = :userId AND content IS NOT NULL
   FOR UPDATE

-- The content goes, the row stays as the journal of what became of the file. Only a deposit still there is
-- removed: of two requests importing the same deposit at once, one finds it gone.
-- name: deposit-remove
UPDATE import_deposits
   SET content = NULL, removed_at = :now, removed_reason = :reason, import_id = :importId
 WHERE id = CAST(:id AS uuid) AND created_by = :userId AND content IS NOT NULL

-- name: deposits-expire
UPDATE import_deposits SET content = NULL, removed_at = :now, removed_reason = 'EXPIRED'
 WHERE content IS NOT NULL AND expires_at <= :now

-- name: import-get
SELECT i.id, i.file_name, i.source, i.rows, i.machines, i.donors_created, i.donations, i.created_at, u.display_name
  FROM machine_imports i JOIN users u ON u.id = i.created_by
 WHERE i.id = :id

-- The machines of one import, in file order (index machine_events_import).
-- name: import-tags
SELECT m.tag, m.type, m.brand, m.model, m.state
  FROM machine_events e JOIN machines m ON m.id = e.machine_id
 WHERE e.kind = 'IMPORTED' AND CAST(e.data->>'importId' AS bigint) = :id
 ORDER BY CAST(e.data->>'line' AS int)
