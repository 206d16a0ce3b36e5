-- Issue 14 (course): the workshops of a session, attendance per person, the set-up checklist per enrolment and the
-- completion rule each course states. Attendance and ticks are current rows with an append-only journal beside them:
-- taking attendance twice keeps one row (last write wins) and the journal keeps the before and after.

-- A course's completion rule; NULL means the service's defaults (app.course in application.yaml).
ALTER TABLE courses
    ADD COLUMN completion_percent integer CHECK (completion_percent BETWEEN 1 AND 100),
    ADD COLUMN completion_needs_checklist boolean;

CREATE TABLE workshops (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id        bigint NOT NULL REFERENCES course_sessions,
    starts_at         timestamptz NOT NULL,
    duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    topic             text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
    trainer           text CHECK (length(trainer) <= 120),
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        bigint NOT NULL REFERENCES users
);
CREATE INDEX workshops_session ON workshops (session_id, starts_at);
CREATE INDEX workshops_starts_at ON workshops (starts_at);

CREATE TABLE attendance (
    workshop_id     bigint NOT NULL REFERENCES workshops,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    status          text NOT NULL CHECK (status IN ('PRESENT', 'ABSENT', 'EXCUSED')),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      bigint NOT NULL REFERENCES users,
    PRIMARY KEY (workshop_id, beneficiary_id)
);
CREATE INDEX attendance_beneficiary ON attendance (beneficiary_id);

CREATE TABLE attendance_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id     bigint NOT NULL REFERENCES workshops,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    from_status     text,
    to_status       text NOT NULL,
    actor_id        bigint NOT NULL REFERENCES users,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attendance_events_person ON attendance_events (workshop_id, beneficiary_id, id);
CREATE TRIGGER attendance_events_append_only BEFORE UPDATE OR DELETE ON attendance_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The checklist version a participant follows, fixed at the first tick (src/main/resources/course/checklist-*.properties).
CREATE TABLE enrolment_checklists (
    enrolment_id  bigint PRIMARY KEY REFERENCES enrolments,
    version       text NOT NULL CHECK (version ~ '^[a-z0-9-]{1,20}$'),
    started_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE checklist_ticks (
    enrolment_id  bigint NOT NULL REFERENCES enrolment_checklists,
    item          text NOT NULL CHECK (item ~ '^[a-z0-9-]{1,40}$'),
    done_on       date NOT NULL,
    ticked_by     bigint NOT NULL REFERENCES users,
    ticked_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrolment_id, item)
);

CREATE TABLE checklist_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrolment_id  bigint NOT NULL REFERENCES enrolments,
    version       text NOT NULL,
    item          text NOT NULL,
    from_done_on  date,
    to_done_on    date,  -- NULL: the tick was taken back (ticked by mistake)
    actor_id      bigint NOT NULL REFERENCES users,
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checklist_events_enrolment ON checklist_events (enrolment_id, id);
CREATE TRIGGER checklist_events_append_only BEFORE UPDATE OR DELETE ON checklist_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Who changed a course's completion rule, and to what.
CREATE TABLE course_rule_events (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id          bigint NOT NULL REFERENCES courses,
    completion_percent integer NOT NULL,
    needs_checklist    boolean NOT NULL,
    actor_id           bigint NOT NULL REFERENCES users,
    at                 timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER course_rule_events_append_only BEFORE UPDATE OR DELETE ON course_rule_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
