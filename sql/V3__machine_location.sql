-- Where a machine sits in the workshop (shelf, bin), set one by one or by batch scanning.
-- Each move is a LOCATION event, so the history says who moved it and when.
ALTER TABLE machines ADD COLUMN location text CHECK (length(location) <= 80);

ALTER TABLE machine_events DROP CONSTRAINT machine_events_kind_check;
ALTER TABLE machine_events ADD CONSTRAINT machine_events_kind_check
    CHECK (kind IN ('INTAKE', 'TRANSITION', 'DIAGNOSIS', 'STORAGE_ADDED', 'ERASURE',
                    'REPAIR', 'OS_INSTALL', 'HARDWARE_IMPORT', 'LOCATION', 'LABEL_PRINTED'));
