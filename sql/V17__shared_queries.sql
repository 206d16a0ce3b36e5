-- Issue 13: SQL that several statements repeated, written once.

-- The machine list's filters, shared by the list page (inventory, machines-page) and label runs by filter (labels,
-- label-tags-by-filter). A NULL argument means "any"; p_pattern is the ILIKE form of p_q (escaped by MachineFilter).
-- LANGUAGE sql, STABLE, one SELECT: the planner inlines it into each calling statement, which keeps its own order and
-- limit and gets the same plan as with the clause written in place.
CREATE FUNCTION machines_matching(p_state text, p_type text, p_site text, p_grade text, p_donation bigint,
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
            OR upper(m.serial) = upper(p_q)
            OR m.model ILIKE p_pattern
            OR m.brand ILIKE p_pattern)
$$;

-- An assignment with what every page of it shows: the machine, the beneficiary (and their site, for scoping), the
-- author and the session. Read by assignment-by-id, assignments-list and machine-assignments (loans.sql).
CREATE VIEW assignment_rows AS
SELECT a.id, a.machine_id, m.tag, m.type, m.brand, m.model, a.beneficiary_id, b.last_name, b.first_name,
       a.session_id, cs.label AS session_label, a.kind, a.status, a.starts_on, a.due_on, a.ended_on,
       CAST(a.accessories AS text) AS accessories, a.created_at, u.display_name AS created_by_name,
       b.site_id AS beneficiary_site_id
  FROM assignments a
  JOIN machines m ON m.id = a.machine_id
  JOIN beneficiaries b ON b.id = a.beneficiary_id
  JOIN users u ON u.id = a.created_by
  LEFT JOIN course_sessions cs ON cs.id = a.session_id;
