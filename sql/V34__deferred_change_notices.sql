-- Writes through the service no longer NOTIFY inside their own transaction (docs/performance.md, "Écritures").
-- In PostgreSQL 15 a transaction that has sent a notice takes a global lock at commit and keeps it across its WAL
-- flush, so every announcing commit waits for the previous one: ~2,400 transactions/s at most on this machine,
-- against ~5,900 without. Instead, a session that says so (the service's pool sets parc.deferred_notices = on
-- when it connects) queues its notices in change_notices, in the same transaction as the change; each instance
-- drains that table in short transactions of its own (send_change_notices), one NOTIFY for many commits.
-- Deleting and notifying in one transaction makes every queued notice sent exactly once, or retried: if the
-- writer dies right after its commit, any other instance sends what it queued.
-- Sessions that did not say so (psql, scripts, other tools) still NOTIFY at once, as V12 did.

CREATE TABLE change_notices (
    id bigserial PRIMARY KEY,
    channel text NOT NULL,
    -- Keys separated by commas, or '*' for everything (V12's payloads).
    payload text NOT NULL
) WITH (
    -- A queue: every row is deleted within milliseconds. Vacuum it after a few thousand dead rows whatever the
    -- table's size, without the cost-based pauses, so that draining never scans a long tail of dead tuples.
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 2000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0
);

-- Same name and signature as V12 (later migrations' triggers call it): only the way the notice leaves changes.
CREATE OR REPLACE FUNCTION announce_machine_changes(tags text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    payload text;
    pending text := coalesce(current_setting('parc.changed_machines', true), '');
BEGIN
    IF tags IS NULL OR cardinality(tags) = 0 THEN
        RETURN;
    END IF;
    -- A notice carries at most 8000 bytes; 300 tags of 15 characters stay well under.
    payload := CASE WHEN cardinality(tags) > 300 THEN '*' ELSE array_to_string(tags, ',') END;
    IF current_setting('parc.deferred_notices', true) = 'on' THEN
        -- A transition announces twice (its event, then the machine row it moves): queue the tags once.
        IF NOT (tags <@ string_to_array(pending, ',')) THEN
            INSERT INTO change_notices (channel, payload) VALUES ('machine_changed', payload);
        END IF;
    ELSE
        PERFORM pg_notify('machine_changed', payload);
    END IF;
    pending := CASE
        WHEN pending = '' THEN payload
        WHEN pending = '*' OR payload = '*' OR length(pending) > 4000 THEN '*'
        ELSE pending || ',' || payload
    END;
    PERFORM set_config('parc.changed_machines', pending, true);
END;
$$;

-- One channel's keys as notices of at most 300 keys ('*' alone when one of them is '*' or beyond 3,000 keys):
-- a notice carries at most 8000 bytes.
CREATE FUNCTION send_change_notice(channel text, keys text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF '*' = ANY (keys) OR cardinality(keys) > 3000 THEN
        PERFORM pg_notify(channel, '*');
    ELSE
        FOR i IN 1 .. cardinality(keys) BY 300 LOOP
            PERFORM pg_notify(channel, array_to_string(keys[i : i + 299], ','));
        END LOOP;
    END IF;
END;
$$;

-- Sends queued notices, per channel the distinct keys, and deletes them, in the caller's transaction (the
-- notices leave at its commit).
-- wait_for_others = false skips rows another drainer holds (it sends them); true waits for it to finish, so that
-- once this commits every notice queued before the call has been sent (ChangeListener.sync relies on it).
-- Returns how many distinct payloads it sent (0: nothing was queued).
CREATE FUNCTION send_change_notices(wait_for_others boolean, max_rows integer DEFAULT 5000) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    taken integer := 0;
    batch record;
BEGIN
    -- Two spellings of one statement: the locking clause cannot be a parameter.
    IF wait_for_others THEN
        FOR batch IN
            WITH gone AS (
                DELETE FROM change_notices WHERE id IN (SELECT id FROM change_notices LIMIT max_rows FOR UPDATE)
                RETURNING channel, payload)
            SELECT channel, array_agg(DISTINCT key) AS keys, count(DISTINCT payload) AS n
            FROM gone, unnest(string_to_array(payload, ',')) AS key GROUP BY channel
        LOOP
            PERFORM send_change_notice(batch.channel, batch.keys);
            taken := taken + batch.n;
        END LOOP;
    ELSE
        FOR batch IN
            WITH gone AS (
                DELETE FROM change_notices WHERE id IN (SELECT id FROM change_notices LIMIT max_rows FOR UPDATE SKIP LOCKED)
                RETURNING channel, payload)
            SELECT channel, array_agg(DISTINCT key) AS keys, count(DISTINCT payload) AS n
            FROM gone, unnest(string_to_array(payload, ',')) AS key GROUP BY channel
        LOOP
            PERFORM send_change_notice(batch.channel, batch.keys);
            taken := taken + batch.n;
        END LOOP;
    END IF;
    RETURN taken;
END;
$$;
