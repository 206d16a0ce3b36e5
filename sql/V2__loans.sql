-- Beneficiaries, courses and assignments (loan or gift) with their contracts.
-- Personal data is kept minimal (DESIGN.md): no birth date, an age bracket; no free-text judgement.

CREATE TABLE beneficiaries (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id              bigint NOT NULL REFERENCES sites,
    last_name            text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 80),
    first_name           text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 80),
    phone                text CHECK (length(phone) <= 40),
    email                text CHECK (length(email) <= 200),
    commune              text NOT NULL CHECK (length(commune) BETWEEN 1 AND 100),
    postcode             text NOT NULL CHECK (postcode ~ '^[0-9][0-9AB][0-9]{3}$'),
    age_bracket          text NOT NULL CHECK (age_bracket IN ('UNDER_26', 'FROM_26_TO_44', 'FROM_45_TO_59',
                                                              'FROM_60_TO_74', 'FROM_75')),
    situation            text NOT NULL CHECK (situation IN ('JOB_SEEKER', 'RSA', 'RETIRED', 'STUDENT',
                                                            'EMPLOYED', 'OTHER')),
    referring_structure  text CHECK (length(referring_structure) <= 200),
    social_worker_id     bigint REFERENCES users,
    gdpr_notice_on       date NOT NULL,
    -- Set when the person's identity is erased (retention or right to erasure); the row stays for counts.
    anonymised_at        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           bigint NOT NULL REFERENCES users
);
CREATE INDEX beneficiaries_name ON beneficiaries (lower(last_name), lower(first_name));
CREATE INDEX beneficiaries_site ON beneficiaries (site_id);

-- Every change of a beneficiary's record: the row itself is updated (anonymisation must really erase),
-- so the journal keeps who changed what and when, never the erased values themselves.
CREATE TABLE beneficiary_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    kind            text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'ANONYMISED')),
    actor_id        bigint REFERENCES users,
    at              timestamptz NOT NULL DEFAULT now(),
    data            jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX beneficiary_events_beneficiary ON beneficiary_events (beneficiary_id, id);
CREATE TRIGGER beneficiary_events_append_only BEFORE UPDATE OR DELETE ON beneficiary_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A programme such as "À portée de clics" and its runs (sessions) with dates, site and facilitator.
CREATE TABLE courses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
    description text CHECK (length(description) <= 2000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  bigint NOT NULL REFERENCES users
);

CREATE TABLE course_sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id    bigint NOT NULL REFERENCES courses,
    site_id      bigint NOT NULL REFERENCES sites,
    label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
    starts_on    date NOT NULL,
    ends_on      date NOT NULL,
    facilitator  text CHECK (length(facilitator) <= 120),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   bigint NOT NULL REFERENCES users,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX course_sessions_course ON course_sessions (course_id, starts_on);

CREATE TABLE enrolments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id      bigint NOT NULL REFERENCES course_sessions,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    status          text NOT NULL DEFAULT 'ENROLLED' CHECK (status IN ('ENROLLED', 'COMPLETED', 'DROPPED_OUT')),
    enrolled_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, beneficiary_id)
);
CREATE INDEX enrolments_beneficiary ON enrolments (beneficiary_id);

CREATE TABLE enrolment_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrolment_id  bigint NOT NULL REFERENCES enrolments,
    from_status   text,
    to_status     text NOT NULL,
    actor_id      bigint NOT NULL REFERENCES users,
    at            timestamptz NOT NULL DEFAULT now(),
    note          text CHECK (length(note) <= 2000)
);
CREATE INDEX enrolment_events_enrolment ON enrolment_events (enrolment_id, id);
CREATE TRIGGER enrolment_events_append_only BEFORE UPDATE OR DELETE ON enrolment_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A machine handed to a beneficiary. A LOAN is ACTIVE until RETURNED (or LOST), or becomes a GIFT when
-- the course is completed; a GIFT is final (status GIVEN). At most one ACTIVE or GIVEN assignment per
-- machine: the partial unique index is the last word when two social workers click at the same time.
CREATE TABLE assignments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    machine_id      bigint NOT NULL REFERENCES machines,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    session_id      bigint REFERENCES course_sessions,
    kind            text NOT NULL CHECK (kind IN ('LOAN', 'GIFT')),
    status          text NOT NULL CHECK (status IN ('ACTIVE', 'GIVEN', 'RETURNED', 'LOST')),
    starts_on       date NOT NULL,
    due_on          date,
    ended_on        date,
    accessories     jsonb NOT NULL DEFAULT '[]',
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      bigint NOT NULL REFERENCES users,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'GIFT' OR due_on IS NOT NULL),
    CHECK (due_on IS NULL OR due_on >= starts_on),
    CHECK (status <> 'ACTIVE' OR (kind = 'LOAN' AND ended_on IS NULL)),
    CHECK (status NOT IN ('RETURNED', 'LOST') OR ended_on IS NOT NULL),
    CHECK (status <> 'GIVEN' OR kind = 'GIFT')
);
CREATE UNIQUE INDEX assignments_active_machine ON assignments (machine_id) WHERE status IN ('ACTIVE', 'GIVEN');
CREATE INDEX assignments_beneficiary ON assignments (beneficiary_id);
CREATE INDEX assignments_overdue ON assignments (due_on) WHERE status = 'ACTIVE';
CREATE INDEX assignments_session ON assignments (session_id);

-- The history of every assignment: created, extended, converted to gift, returned, incidents, contracts.
CREATE TABLE assignment_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id  bigint NOT NULL REFERENCES assignments,
    kind           text NOT NULL CHECK (kind IN ('CREATED', 'EXTENDED', 'CONVERTED_TO_GIFT', 'RETURNED', 'LOST',
                                                 'INCIDENT', 'CONTRACT_GENERATED', 'CONTRACT_SIGNED')),
    actor_id       bigint NOT NULL REFERENCES users,
    at             timestamptz NOT NULL DEFAULT now(),
    note           text CHECK (length(note) <= 2000),
    data           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX assignment_events_assignment ON assignment_events (assignment_id, id);
CREATE INDEX assignment_events_kind_at ON assignment_events (kind, at);
CREATE TRIGGER assignment_events_append_only BEFORE UPDATE OR DELETE ON assignment_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE incidents (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id  bigint NOT NULL REFERENCES assignments,
    kind           text NOT NULL CHECK (kind IN ('BREAKAGE', 'THEFT', 'LOSS', 'REPAIR')),
    occurred_on    date NOT NULL,
    note           text CHECK (length(note) <= 2000),
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     bigint NOT NULL REFERENCES users
);
CREATE INDEX incidents_assignment ON incidents (assignment_id);
CREATE TRIGGER incidents_append_only BEFORE UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Every generated document is archived byte for byte with its SHA-256. A signed-on-screen version is a new
-- row that points at the document it signs; nothing is overwritten.
CREATE TABLE contracts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id  bigint NOT NULL REFERENCES assignments,
    kind           text NOT NULL CHECK (kind IN ('LOAN_AGREEMENT', 'GIFT_CERTIFICATE')),
    signs          bigint REFERENCES contracts,
    pdf            bytea NOT NULL,
    sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     bigint NOT NULL REFERENCES users
);
CREATE INDEX contracts_assignment ON contracts (assignment_id, id);
CREATE TRIGGER contracts_append_only BEFORE UPDATE OR DELETE ON contracts
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A scan or photo of the signed paper contract.
CREATE TABLE contract_scans (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id   bigint NOT NULL REFERENCES contracts,
    content_type  text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    content       bytea NOT NULL,
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    uploaded_by   bigint NOT NULL REFERENCES users
);
CREATE INDEX contract_scans_contract ON contract_scans (contract_id);
CREATE TRIGGER contract_scans_append_only BEFORE UPDATE OR DELETE ON contract_scans
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
