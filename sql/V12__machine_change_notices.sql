-- Scan lookups are served from each instance's memory (docs/performance.md): the full machine record
-- costs PostgreSQL five times a primary-key select. Whatever changes a machine's record, from any
-- instance, any tool or psql, announces it here so no instance keeps serving the old one:
--   * NOTIFY machine_changed, '<tag>,<tag>,...' at commit, for every instance's listener;
--   * the same list in the transaction-local setting parc.changed_machines, which the committing
--     instance reads just before its commit, so its own next read is fresh without waiting for the notice.
-- '*' means "forget every machine": a bulk statement, or a change to a donor, site or user name that
-- appears in many records.

CREATE FUNCTION announce_machine_changes(tags text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    payload text;
    pending text := coalesce(current_setting('parc.changed_machines', true), '');
BEGIN
    IF tags IS NULL OR cardinality(tags) = 0 THEN
        RETURN;
    END IF;
    -- A notice carries at most 8000 bytes; 300 tags of 15 characters stay well under.
    payload := CASE WHEN cardinality(tags) > 300 THEN '*' ELSE array_to_string(tags, ',') END;
    PERFORM pg_notify('machine_changed', payload);
    pending := CASE
        WHEN pending = '' THEN payload
        WHEN pending = '*' OR payload = '*' OR length(pending) > 4000 THEN '*'
        ELSE pending || ',' || payload
    END;
    PERFORM set_config('parc.changed_machines', pending, true);
END;
$$;

-- One notice per statement, not per row: a statement that touches many machines costs one query.
CREATE FUNCTION machines_changed_by_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM announce_machine_changes(ARRAY(SELECT DISTINCT tag FROM changed));
    RETURN NULL;
END;
$$;

CREATE FUNCTION machines_changed_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM announce_machine_changes(ARRAY(
        SELECT m.tag FROM machines m WHERE m.id IN (SELECT DISTINCT machine_id FROM changed)));
    RETURN NULL;
END;
$$;

CREATE FUNCTION all_machines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM announce_machine_changes(ARRAY['*']);
    RETURN NULL;
END;
$$;

-- PostgreSQL allows transition tables on single-event triggers only, hence one trigger per event.
CREATE TRIGGER machines_announce_update AFTER UPDATE ON machines
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_tag();
CREATE TRIGGER machines_announce_delete AFTER DELETE ON machines
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_tag();

-- machine_events and erasures are append-only (V1): inserts are their only changes.
CREATE TRIGGER machine_events_announce AFTER INSERT ON machine_events
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER erasures_announce AFTER INSERT ON erasures
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();

CREATE TRIGGER storage_devices_announce_insert AFTER INSERT ON storage_devices
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER storage_devices_announce_update AFTER UPDATE ON storage_devices
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER storage_devices_announce_delete AFTER DELETE ON storage_devices
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();

-- Names shown in every machine record: rare changes (a renamed site, an anonymised resident donor).
CREATE TRIGGER donors_announce AFTER UPDATE OF name ON donors
    FOR EACH STATEMENT EXECUTE FUNCTION all_machines_changed();
CREATE TRIGGER donations_announce AFTER UPDATE OF donor_id, site_id, received_on ON donations
    FOR EACH STATEMENT EXECUTE FUNCTION all_machines_changed();
CREATE TRIGGER sites_announce AFTER UPDATE OF code, name, tag_prefix ON sites
    FOR EACH STATEMENT EXECUTE FUNCTION all_machines_changed();
CREATE TRIGGER users_announce AFTER UPDATE OF username ON users
    FOR EACH STATEMENT EXECUTE FUNCTION all_machines_changed();
