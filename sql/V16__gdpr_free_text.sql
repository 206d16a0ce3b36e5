-- Anonymisation also clears the free text attached to the person (issue 12, item 10): notes of loans, returns,
-- incidents and enrolments, accessories typed by hand, and whatever words the journals hold about them.
-- Those tables stay append-only: as for archived documents (V8), the only change they accept is the clearing of
-- their free-text columns, only inside a transaction that declared it (parc.gdpr_erasure), every other column
-- untouched. The columns that may change are the trigger's arguments.

CREATE FUNCTION forbid_change_except_gdpr_scrub() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_rest jsonb := to_jsonb(OLD);
    new_rest jsonb := to_jsonb(NEW);
    col text;
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('parc.gdpr_erasure', true) = 'on' THEN
        FOREACH col IN ARRAY TG_ARGV LOOP
            old_rest := old_rest - col;
            new_rest := new_rest - col;
        END LOOP;
        IF old_rest = new_rest THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'PS001';
END;
$$;

DROP TRIGGER assignment_events_append_only ON assignment_events;
CREATE TRIGGER assignment_events_append_only BEFORE UPDATE OR DELETE ON assignment_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note', 'data');
DROP TRIGGER incidents_append_only ON incidents;
CREATE TRIGGER incidents_append_only BEFORE UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note');
DROP TRIGGER enrolment_events_append_only ON enrolment_events;
CREATE TRIGGER enrolment_events_append_only BEFORE UPDATE OR DELETE ON enrolment_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note');
DROP TRIGGER beneficiary_events_append_only ON beneficiary_events;
CREATE TRIGGER beneficiary_events_append_only BEFORE UPDATE OR DELETE ON beneficiary_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('data');
DROP TRIGGER beneficiary_access_log_append_only ON beneficiary_access_log;
CREATE TRIGGER beneficiary_access_log_append_only BEFORE UPDATE OR DELETE ON beneficiary_access_log
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('detail');

-- A return's transition named its loan only in its note ("Restitution (attribution n° 12)"), while its data
-- carries the missing accessories, typed by hand. The loan's id now goes into the data (AssignmentService); the
-- older ones get it here, so that anonymisation finds them by id. The append-only guard is lifted for this one
-- UPDATE, inside this migration's transaction, as in V11.
ALTER TABLE machine_events DISABLE TRIGGER machine_events_append_only;
UPDATE machine_events
   SET data = data || jsonb_build_object('assignmentId', CAST(substring(note FROM '^Restitution \(attribution n° ([0-9]+)\)$') AS bigint))
 WHERE kind = 'TRANSITION' AND to_state = 'RETURNED' AND NOT data ? 'assignmentId'
   AND note ~ '^Restitution \(attribution n° [0-9]+\)$';
ALTER TABLE machine_events ENABLE TRIGGER machine_events_append_only;

DROP TRIGGER machine_events_append_only ON machine_events;
CREATE TRIGGER machine_events_append_only BEFORE UPDATE OR DELETE ON machine_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note', 'data');
-- Machine records are kept in each instance's memory (V12): a cleared event must be announced like a new one.
CREATE TRIGGER machine_events_announce_update AFTER UPDATE ON machine_events
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();

-- A JSON document with every string replaced by '[anonymisé]', except the values of the keys named in codes
-- (codes, dates, hashes the program writes), and every number, boolean and structure kept: counts stay countable.
CREATE FUNCTION gdpr_scrub(doc jsonb, codes text[], parent_key text DEFAULT NULL) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN CASE jsonb_typeof(doc)
        WHEN 'object' THEN (SELECT coalesce(jsonb_object_agg(k, gdpr_scrub(v, codes, k)), '{}'::jsonb)
                              FROM jsonb_each(doc) AS e(k, v))
        WHEN 'array' THEN (SELECT coalesce(jsonb_agg(gdpr_scrub(v, codes, parent_key) ORDER BY i), '[]'::jsonb)
                             FROM jsonb_array_elements(doc) WITH ORDINALITY AS e(v, i))
        WHEN 'string' THEN CASE WHEN parent_key = ANY (codes) THEN doc ELSE to_jsonb('[anonymisé]'::text) END
        ELSE doc
    END;
END;
$$;
