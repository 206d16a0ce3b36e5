-- The machine page (GET /m/{tag}) is kept in each instance's memory with the machine's record (docs/performance.md,
-- "Fiche machine en HTML (issue 18)"): besides the record, it shows parts other capabilities keep, and each of their
-- tables now announces its changes through V12's announce_machine_changes, like the record's own tables:
--   * reservations, assignments, evidence (files by their devices and SMART reports), workbench tokens and their uses:
--     the machines they belong to;
--   * a beneficiary's name, age bracket, situation or site: the machines of their assignments and reservations (GDPR
--     anonymisation must take the names off every kept page at once), and the waiting list;
--   * waiting-list entries: the pseudo-tag 'waiting-list' (never a machine's tag, which is upper case), which tells
--     instances to forget their copy of the open waiting list from which they rank the people a READY machine matches.
--     Only that copy is forgotten: the machines' records and parts stay.
--   * a user's display name (who imported a file, who prepared a token): every machine, like a renamed user (V12).

CREATE FUNCTION waiting_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM announce_machine_changes(ARRAY['waiting-list']);
    RETURN NULL;
END;
$$;

CREATE FUNCTION machines_changed_by_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM announce_machine_changes(ARRAY(
        SELECT m.tag FROM machines m
         WHERE m.id IN (SELECT t.machine_id FROM workbench_tokens t WHERE t.id IN (SELECT DISTINCT token_id FROM changed))));
    RETURN NULL;
END;
$$;

-- Only a change to what a page shows or what matching reads: other updates of beneficiaries announce nothing.
CREATE FUNCTION machines_changed_by_beneficiary() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    people bigint[] := ARRAY(
        SELECT n.id FROM changed_new n JOIN changed_old o ON o.id = n.id
         WHERE (n.first_name, n.last_name, n.age_bracket, n.situation, n.site_id)
               IS DISTINCT FROM (o.first_name, o.last_name, o.age_bracket, o.situation, o.site_id));
BEGIN
    IF cardinality(people) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM announce_machine_changes(ARRAY(
        SELECT m.tag FROM machines m
         WHERE m.id IN (SELECT a.machine_id FROM assignments a WHERE a.beneficiary_id = ANY (people)
                        UNION SELECT r.machine_id FROM reservations r WHERE r.beneficiary_id = ANY (people))));
    PERFORM announce_machine_changes(ARRAY['waiting-list']);
    RETURN NULL;
END;
$$;

CREATE TRIGGER reservations_announce_insert AFTER INSERT ON reservations
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER reservations_announce_update AFTER UPDATE ON reservations
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER reservations_announce_delete AFTER DELETE ON reservations
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();

CREATE TRIGGER assignments_announce_insert AFTER INSERT ON assignments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER assignments_announce_update AFTER UPDATE ON assignments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER assignments_announce_delete AFTER DELETE ON assignments
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();

-- evidence_devices and smart_reports are append-only (V18); a file shows through them.
CREATE TRIGGER evidence_devices_announce AFTER INSERT ON evidence_devices
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER smart_reports_announce AFTER INSERT ON smart_reports
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();

CREATE TRIGGER workbench_tokens_announce_insert AFTER INSERT ON workbench_tokens
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
CREATE TRIGGER workbench_tokens_announce_update AFTER UPDATE ON workbench_tokens
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_id();
-- Append-only (V29): a use counts on the page of the token's machine.
CREATE TRIGGER workbench_token_uses_announce AFTER INSERT ON workbench_token_uses
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_token();

CREATE TRIGGER waiting_list_entries_announce_insert AFTER INSERT ON waiting_list_entries
    FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_changed();
CREATE TRIGGER waiting_list_entries_announce_update AFTER UPDATE ON waiting_list_entries
    FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_changed();
CREATE TRIGGER waiting_list_entries_announce_delete AFTER DELETE ON waiting_list_entries
    FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_changed();

-- Transition tables forbid a column list on an UPDATE trigger: the function compares the columns itself.
CREATE TRIGGER beneficiaries_announce AFTER UPDATE ON beneficiaries
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION machines_changed_by_beneficiary();

CREATE TRIGGER users_announce_display_name AFTER UPDATE OF display_name ON users
    FOR EACH STATEMENT EXECUTE FUNCTION all_machines_changed();
