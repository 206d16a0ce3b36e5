-- Issue 14 (course): a loan becomes a gift on a confirmation, after the course is completed (or with an override
-- whose reason is the event's note), and a mistaken conversion can be cancelled within a short window.

-- A gift has no due date anywhere: conversions made before this migration kept the loan's; the loan's due date
-- stays in its CREATED/EXTENDED events.
UPDATE assignments SET due_on = NULL WHERE kind = 'GIFT' AND due_on IS NOT NULL;
ALTER TABLE assignments ADD CONSTRAINT assignments_gift_without_due CHECK (kind <> 'GIFT' OR due_on IS NULL);

-- One row per conversion: the certificate it generated, the loan's due date to restore if it is cancelled, and the
-- cancellation (which voids the certificate: the document is kept byte for byte, this row marks it void).
-- Reasons (override, cancellation) are the notes of the assignment's events, where anonymisation (V16) finds them.
CREATE TABLE gift_conversions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id    bigint NOT NULL REFERENCES assignments,
    session_id       bigint REFERENCES course_sessions,
    certificate_id   bigint NOT NULL REFERENCES contracts,
    previous_due_on  date NOT NULL,
    overridden       boolean NOT NULL,
    converted_by     bigint NOT NULL REFERENCES users,
    converted_at     timestamptz NOT NULL DEFAULT now(),
    cancelled_by     bigint REFERENCES users,
    cancelled_at     timestamptz,
    CHECK ((cancelled_by IS NULL) = (cancelled_at IS NULL))
);
CREATE UNIQUE INDEX gift_conversions_standing ON gift_conversions (assignment_id) WHERE cancelled_at IS NULL;
CREATE INDEX gift_conversions_session ON gift_conversions (session_id);
CREATE INDEX gift_conversions_certificate ON gift_conversions (certificate_id);
CREATE TRIGGER gift_conversions_no_delete BEFORE DELETE ON gift_conversions
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- New assignment event kinds. Other branches may extend the same CHECK in their own migrations, so the constraint
-- is extended from its current definition instead of being rewritten from a fixed list that would drop theirs.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
     WHERE conrelid = 'assignment_events'::regclass AND conname = 'assignment_events_kind_check';
    IF definition IS NULL OR position('ARRAY[' IN definition) = 0 THEN
        RAISE EXCEPTION 'assignment_events_kind_check has an unexpected form: %', definition;
    END IF;
    EXECUTE 'ALTER TABLE assignment_events DROP CONSTRAINT assignment_events_kind_check';
    EXECUTE 'ALTER TABLE assignment_events ADD CONSTRAINT assignment_events_kind_check '
        || replace(definition, 'ARRAY[', 'ARRAY[''GIFT_CANCELLED''::text, ''RETURN_PLANNED''::text, ');
END
$$;
