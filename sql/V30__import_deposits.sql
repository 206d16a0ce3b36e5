-- Import pages (issue 16, section 5, phase 2; docs/imports.md): between the upload, the mapping page, the dry run
-- and the import, the file waits here rather than in one instance's memory, so that any instance serves the next
-- step. A deposit belongs to the person who sent it; it lives one hour.
--
-- The row is its own journal: who sent which file (name, SHA-256, size) and when, then when and why its content
-- was removed (imported, expired, abandoned) and by which import. The content is the only thing ever removed:
-- the row stays, and nothing else of it changes.
CREATE TABLE import_deposits (
    id              uuid PRIMARY KEY,
    file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes           int NOT NULL CHECK (bytes > 0),
    content         bytea,
    created_by      bigint NOT NULL REFERENCES users,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    removed_at      timestamptz,
    removed_reason  text CHECK (removed_reason IN ('IMPORTED', 'EXPIRED', 'ABANDONED')),
    import_id       bigint REFERENCES machine_imports,
    CHECK (expires_at > created_at),
    CHECK ((content IS NULL) = (removed_at IS NOT NULL)),
    CHECK ((removed_reason IS NULL) = (removed_at IS NULL)),
    CHECK (import_id IS NULL OR removed_reason = 'IMPORTED')
);
CREATE INDEX import_deposits_live ON import_deposits (expires_at) WHERE content IS NOT NULL;

-- Only the removal of the content, once: every other column stays as written, and no row is deleted.
CREATE FUNCTION import_deposit_removal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.content IS NOT NULL AND NEW.content IS NULL
       AND (to_jsonb(OLD) - ARRAY['content', 'removed_at', 'removed_reason', 'import_id'])
         = (to_jsonb(NEW) - ARRAY['content', 'removed_at', 'removed_reason', 'import_id']) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'import_deposits: only the removal of a deposit''s content is allowed' USING ERRCODE = 'PS001';
END;
$$;
CREATE TRIGGER import_deposits_removal_only BEFORE UPDATE OR DELETE ON import_deposits
    FOR EACH ROW EXECUTE FUNCTION import_deposit_removal_only();

-- The result page lists the machines of one import, in file order.
CREATE INDEX machine_events_import ON machine_events (((data->>'importId')::bigint)) WHERE kind = 'IMPORTED';
