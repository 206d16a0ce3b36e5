-- GDPR: who read or changed a beneficiary's data, and erasure of archived documents on anonymisation.

-- Every read and change of a beneficiary's personal data: who, when, what. Admins only may read it.
CREATE TABLE beneficiary_access_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beneficiary_id  bigint REFERENCES beneficiaries,
    actor_id        bigint REFERENCES users,
    at              timestamptz NOT NULL DEFAULT now(),
    action          text NOT NULL CHECK (action IN ('READ', 'LIST', 'CREATE', 'UPDATE', 'EXPORT', 'ANONYMISE',
                                                    'CONTRACT_READ')),
    detail          text CHECK (length(detail) <= 300)
);
CREATE INDEX beneficiary_access_log_beneficiary ON beneficiary_access_log (beneficiary_id, id);
CREATE INDEX beneficiary_access_log_at ON beneficiary_access_log (at);
CREATE TRIGGER beneficiary_access_log_append_only BEFORE UPDATE OR DELETE ON beneficiary_access_log
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Archived contracts and scans carry the person's name: anonymisation empties their content. That is the only
-- change these append-only tables accept, only inside a transaction that declared it (parc.gdpr_erasure), and the
-- SHA-256 stays as proof that the document existed.
ALTER TABLE contracts ADD COLUMN purged_at timestamptz;
ALTER TABLE contract_scans ADD COLUMN purged_at timestamptz;

CREATE FUNCTION forbid_change_except_gdpr_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('parc.gdpr_erasure', true) = 'on'
       AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
       AND (to_jsonb(NEW) - 'pdf' - 'content' - 'purged_at') = (to_jsonb(OLD) - 'pdf' - 'content' - 'purged_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'PS001';
END;
$$;

DROP TRIGGER contracts_append_only ON contracts;
CREATE TRIGGER contracts_append_only BEFORE UPDATE OR DELETE ON contracts
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_purge();
DROP TRIGGER contract_scans_append_only ON contract_scans;
CREATE TRIGGER contract_scans_append_only BEFORE UPDATE OR DELETE ON contract_scans
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_purge();
