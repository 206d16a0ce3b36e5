-- A machine's page lists its assignments: without this index that was a scan of every assignment.
CREATE INDEX assignments_machine ON assignments (machine_id, id);
