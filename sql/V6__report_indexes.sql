-- Indexes for the coordinator's reports (docs/reports.md), chosen with EXPLAIN ANALYZE on the seeded
-- 100k-machine / 1M-event dataset (./parc seed).

-- The transitions of a period with the columns the reports read: READY and PARTS counts and the
-- reconditioning durations become index-only scans instead of one heap visit per event.
CREATE INDEX machine_events_transitions_period ON machine_events (to_state, at) INCLUDE (machine_id, from_state)
    WHERE kind = 'TRANSITION';
-- Same keys and predicate as the index above, which now covers every use of it.
DROP INDEX machine_events_transitions;

-- Assignments started in a period (lent, given, beneficiaries served).
CREATE INDEX assignments_starts_on ON assignments (starts_on) INCLUDE (machine_id, beneficiary_id, kind);

-- Donations received in a period (received, donors' contributions, exports).
CREATE INDEX donations_received_on ON donations (received_on);
