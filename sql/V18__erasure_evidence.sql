-- Erasure evidence from the tools themselves (issue 16, section 1): the original file (an nwipe or ShredOS log,
-- an nwipe PDF certificate, a smartctl JSON report) archived with its SHA-256, what was read from it for each
-- disk, the erasure records it created, and the SMART reports. All append-only, like erasures.

-- The file as received. The SHA-256 is the import's key: the same file imported twice changes nothing.
-- Bounded: the largest file a tool writes is a long log, far under 8 MiB.
CREATE TABLE evidence_files (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('NWIPE_LOG', 'NWIPE_PDF', 'SMARTCTL_JSON')),
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256       bytea NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    size_bytes   integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 8388608),
    content      bytea NOT NULL,
    tool         text CHECK (length(tool) <= 120),
    imported_by  bigint NOT NULL REFERENCES users,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (octet_length(content) = size_bytes)
);
CREATE TRIGGER evidence_files_append_only BEFORE UPDATE OR DELETE ON evidence_files
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Each disk a wipe report names, as read, and what it became: the storage device it matched (by serial, case and
-- spacing ignored) and the erasure record made from it. Times are the wiping machine's clock (no time zone).
CREATE TABLE evidence_devices (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evidence_file_id   bigint NOT NULL REFERENCES evidence_files,
    position           smallint NOT NULL CHECK (position >= 0),
    device_name        text CHECK (length(device_name) <= 64),
    serial             text CHECK (length(serial) <= 80),
    model              text CHECK (length(model) <= 120),
    status             text NOT NULL CHECK (status IN ('ERASED', 'FAILED', 'ABORTED', 'UNKNOWN')),
    method             text CHECK (length(method) <= 80),
    nist_level         text CHECK (nist_level IN ('CLEAR', 'PURGE')),
    rounds             smallint CHECK (rounds >= 0),
    passes             smallint CHECK (passes >= 0),
    verify             text CHECK (verify IN ('OFF', 'LAST', 'ALL')),
    blanked            boolean NOT NULL,
    pass_errors        integer CHECK (pass_errors >= 0),
    verify_errors      integer CHECK (verify_errors >= 0),
    sync_errors        integer CHECK (sync_errors >= 0),
    started_at         timestamp,
    ended_at           timestamp,
    machine_id         bigint REFERENCES machines,
    storage_device_id  bigint REFERENCES storage_devices,
    erasure_id         bigint REFERENCES erasures,
    UNIQUE (evidence_file_id, position)
);
CREATE INDEX evidence_devices_machine ON evidence_devices (machine_id) WHERE machine_id IS NOT NULL;
CREATE TRIGGER evidence_devices_append_only BEFORE UPDATE OR DELETE ON evidence_devices
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- An erasure made from a tool's own report cites it (the donor's certificate prints its name and hash).
ALTER TABLE erasures ADD COLUMN evidence_file_id bigint REFERENCES evidence_files;
CREATE INDEX erasures_evidence ON erasures (evidence_file_id) WHERE evidence_file_id IS NOT NULL;

-- A bulk import (a ShredOS stick's folder) finds disks across all machines by serial alone.
CREATE INDEX storage_devices_serial_key ON storage_devices (upper(regexp_replace(serial, '\s', '', 'g')))
    WHERE serial IS NOT NULL;

-- smartctl's report of one storage device. A device whose latest report failed its own assessment is flagged:
-- it blocks READY until it is destroyed (evidence/SmartHealth).
CREATE TABLE smart_reports (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evidence_file_id     bigint NOT NULL REFERENCES evidence_files,
    machine_id           bigint NOT NULL REFERENCES machines,
    storage_device_id    bigint NOT NULL REFERENCES storage_devices,
    protocol             text CHECK (length(protocol) <= 20),
    model                text CHECK (length(model) <= 120),
    serial               text NOT NULL CHECK (length(serial) BETWEEN 1 AND 80),
    capacity_bytes       bigint CHECK (capacity_bytes >= 0),
    power_on_hours       bigint CHECK (power_on_hours >= 0),
    reallocated_sectors  bigint CHECK (reallocated_sectors >= 0),
    pending_sectors      bigint CHECK (pending_sectors >= 0),
    media_errors         bigint CHECK (media_errors >= 0),
    critical_warning     integer CHECK (critical_warning >= 0),
    passed               boolean,
    smartctl_version     text CHECK (length(smartctl_version) <= 20),
    imported_by          bigint NOT NULL REFERENCES users,
    imported_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX smart_reports_device ON smart_reports (storage_device_id, id);
CREATE INDEX smart_reports_machine ON smart_reports (machine_id);
CREATE TRIGGER smart_reports_append_only BEFORE UPDATE OR DELETE ON smart_reports
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
