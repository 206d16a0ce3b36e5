-- name: label-machines
SELECT m.tag, m.type, m.brand, m.model, s.name AS site_name
  FROM machines m
  JOIN sites s ON s.id = m.site_id
 WHERE m.tag = ANY(string_to_array(:tags, ','))

-- name: label-tags-by-filter
SELECT m.tag
  FROM machines m
  JOIN sites s ON s.id = m.site_id
 WHERE (CAST(:state AS text) IS NULL OR m.state = :state)
   AND (CAST(:type AS text) IS NULL OR m.type = :type)
   AND (CAST(:site AS text) IS NULL OR s.code = :site)
   AND (CAST(:grade AS text) IS NULL OR m.grade = :grade)
   AND (CAST(:donation AS bigint) IS NULL OR m.donation_id = :donation)
   AND (CAST(:q AS text) IS NULL
        OR m.tag = upper(:q)
        OR upper(m.serial) = upper(:q)
        OR m.model ILIKE :pattern
        OR m.brand ILIKE :pattern)
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
