-- name: label-machines
SELECT m.tag, m.type, m.brand, m.model, s.name AS site_name
  FROM machines m
  JOIN sites s ON s.id = m.site_id
 WHERE m.tag = ANY(string_to_array(:tags, ','))

-- The machine list's filters (V17's machines_matching, shared with machines-page in inventory.sql).
-- name: label-tags-by-filter
SELECT m.tag
  FROM machines_matching(CAST(:state AS text), CAST(:type AS text), CAST(:site AS text), CAST(:grade AS text),
                         CAST(:donation AS bigint), CAST(:q AS text), CAST(:pattern AS text)) m
 ORDER BY m.id
 LIMIT :limit

-- name: label-printed-insert
INSERT INTO machine_events (machine_id, kind, actor_id, data)
SELECT m.id, 'LABEL_PRINTED', :actorId, CAST(:data AS jsonb)
  FROM machines m
 WHERE m.tag = ANY(string_to_array(:tags, ','))

-- name: scan-machines
SELECT m.tag, m.state, m.type, m.brand, m.model, m.location
  FROM machines m
 WHERE m.tag = ANY(string_to_array(:tags, ','))

-- What the batch field received when it is not a tag: the machines its search finds (two at most: only a single
-- one joins the batch). The same search as the machine list (machines_matching, V27).
-- name: scan-search
SELECT m.tag
  FROM machines_matching(NULL, NULL, NULL, NULL, NULL, CAST(:q AS text), CAST(:pattern AS text)) m
 ORDER BY m.id
 LIMIT 2
