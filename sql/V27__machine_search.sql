-- Search by digits and by fragments (issue 16, section 4; docs/labels.md « Recherche par chiffres »).
--
-- People read the number under the QR and type only its digits: "31", "00031" or "2026-00031" must find
-- PS-2026-00031 whatever the site prefix. A serial typed in part (the end of it, read off a sticker) must find its
-- machine. Both stay indexed on a large fleet:
--   * the tag's number (its last five characters, always digits: see machines.tag's CHECK) in a B-tree; the year,
--     when typed, is checked on the few rows found;
--   * serial, model and brand in trigram indexes, which serve ILIKE '%fragment%'. Every branch of the OR below has
--     an index, so PostgreSQL combines them (BitmapOr) instead of reading the whole table.
-- pg_trgm ships with PostgreSQL (contrib, also in the embedded server's binaries) and is a trusted extension: the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX machines_tag_number ON machines (right(tag, 5));
CREATE INDEX machines_serial_trgm ON machines USING gin (serial gin_trgm_ops);
CREATE INDEX machines_model_trgm ON machines USING gin (model gin_trgm_ops);
CREATE INDEX machines_brand_trgm ON machines USING gin (brand gin_trgm_ops);

-- Same signature as V17 (label runs by filter and the machine list call it): only the search clause changes.
--   * digits, optionally preceded by a year ("31", "00031", "2026-00031"): the tag's number, padded to five digits;
--   * one or two digits are only a number: as a fragment they would match most serials;
--   * anything else, and numbers of three digits or more, also as a fragment of the serial, model or brand
--     (p_pattern, escaped by MachineFilter), which covers the whole serial typed in any case.
CREATE OR REPLACE FUNCTION machines_matching(p_state text, p_type text, p_site text, p_grade text, p_donation bigint,
                                             p_q text, p_pattern text)
    RETURNS SETOF machines
    LANGUAGE sql STABLE
AS $$
    SELECT m.*
      FROM machines m
      JOIN sites s ON s.id = m.site_id
     WHERE (p_state IS NULL OR m.state = p_state)
       AND (p_type IS NULL OR m.type = p_type)
       AND (p_site IS NULL OR s.code = p_site)
       AND (p_grade IS NULL OR m.grade = p_grade)
       AND (p_donation IS NULL OR m.donation_id = p_donation)
       AND (p_q IS NULL
            OR m.tag = upper(p_q)
            OR (right(m.tag, 5) = lpad(substring(p_q FROM '^(?:[0-9]{4}-)?([0-9]{1,5})$'), 5, '0')
                AND (p_q !~ '^[0-9]{4}-' OR substring(m.tag FROM '-([0-9]{4})-[0-9]{5}$') = left(p_q, 4)))
            OR (p_q !~ '^[0-9]{1,2}$'
                AND (m.serial ILIKE p_pattern OR m.model ILIKE p_pattern OR m.brand ILIKE p_pattern)))
$$;
