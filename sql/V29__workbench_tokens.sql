-- The workbench script's tokens (issue 16, section 2): a technician prepares one on a machine's page and types it
-- on the live system of that machine; it lets the script post that machine's hardware, SMART reports and nwipe
-- logs, nothing else, for a short while. Only the SHA-256 of the code is kept. Revocation and every use are kept.
CREATE TABLE workbench_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    machine_id   bigint NOT NULL REFERENCES machines,
    created_by   bigint NOT NULL REFERENCES users,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_by   bigint REFERENCES users,
    revoked_at   timestamptz,
    CHECK (expires_at > created_at),
    CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
);
CREATE INDEX workbench_tokens_machine ON workbench_tokens (machine_id, expires_at);

-- Each request made with a token (what and when), kept even when the token was refused as expired or revoked.
CREATE TABLE workbench_token_uses (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id  bigint NOT NULL REFERENCES workbench_tokens,
    used_at   timestamptz NOT NULL DEFAULT now(),
    method    text NOT NULL CHECK (length(method) <= 10),
    path      text NOT NULL CHECK (length(path) <= 300),
    accepted  boolean NOT NULL
);
CREATE INDEX workbench_token_uses_token ON workbench_token_uses (token_id);
CREATE TRIGGER workbench_token_uses_append_only BEFORE UPDATE OR DELETE ON workbench_token_uses
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
