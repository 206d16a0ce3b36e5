-- The erasure gate (issue 12, item 9): a machine of a type that can hold data, diagnosed without any storage
-- device, needs a technician's journaled statement that it holds none ("disque retiré et détruit",
-- "aucun support") before it becomes READY, is handed over, or leaves as SCRAPPED or PARTS. The statement is a
-- NO_STORAGE event (who, when, note); a storage device recorded afterwards withdraws it with a NO_STORAGE_REVOKED
-- event. Both are plain machine events: append-only, announced to the scan memory by the V12 trigger on inserts.
ALTER TABLE machine_events DROP CONSTRAINT machine_events_kind_check;
ALTER TABLE machine_events ADD CONSTRAINT machine_events_kind_check
    CHECK (kind IN ('INTAKE', 'TRANSITION', 'DIAGNOSIS', 'STORAGE_ADDED', 'ERASURE',
                    'REPAIR', 'OS_INSTALL', 'HARDWARE_IMPORT', 'LOCATION', 'LABEL_PRINTED',
                    'NO_STORAGE', 'NO_STORAGE_REVOKED'));
