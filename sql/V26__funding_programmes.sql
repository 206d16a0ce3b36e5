-- Funding programmes (issue 15, section 4): funders, their programmes, and what is attached to each one
-- (donations, course sessions, handovers). Every change is journaled in programme_events.

CREATE TABLE funders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  bigint NOT NULL REFERENCES users
);

CREATE TABLE programmes (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    funder_id        bigint NOT NULL REFERENCES funders,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    starts_on        date NOT NULL,
    ends_on          date NOT NULL,
    budget_eur       numeric(12, 2) CHECK (budget_eur >= 0),
    target_people    integer CHECK (target_people >= 0),
    target_machines  integer CHECK (target_machines >= 0),
    target_workshops integer CHECK (target_workshops >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       bigint NOT NULL REFERENCES users,
    CHECK (ends_on >= starts_on),
    UNIQUE (funder_id, name)
);

-- Links: a donation, a session or a handover may count for several programmes (co-funding).
CREATE TABLE programme_donations (
    programme_id  bigint NOT NULL REFERENCES programmes,
    donation_id   bigint NOT NULL REFERENCES donations,
    PRIMARY KEY (programme_id, donation_id)
);
CREATE INDEX programme_donations_donation ON programme_donations (donation_id);

CREATE TABLE programme_sessions (
    programme_id  bigint NOT NULL REFERENCES programmes,
    session_id    bigint NOT NULL REFERENCES course_sessions,
    PRIMARY KEY (programme_id, session_id)
);
CREATE INDEX programme_sessions_session ON programme_sessions (session_id);

CREATE TABLE programme_assignments (
    programme_id   bigint NOT NULL REFERENCES programmes,
    assignment_id  bigint NOT NULL REFERENCES assignments,
    PRIMARY KEY (programme_id, assignment_id)
);
CREATE INDEX programme_assignments_assignment ON programme_assignments (assignment_id);

-- The journal of programmes: created, and each link attached (who, when, what).
CREATE TABLE programme_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id  bigint NOT NULL REFERENCES programmes,
    kind          text NOT NULL CHECK (kind IN ('CREATED', 'ATTACHED')),
    target        text CHECK (target IN ('DONATION', 'SESSION', 'ASSIGNMENT')),
    target_id     bigint,
    actor_id      bigint NOT NULL REFERENCES users,
    at            timestamptz NOT NULL DEFAULT now(),
    data          jsonb NOT NULL DEFAULT '{}',
    CHECK ((kind = 'ATTACHED') = (target IS NOT NULL AND target_id IS NOT NULL))
);
CREATE INDEX programme_events_programme ON programme_events (programme_id, id);
CREATE TRIGGER programme_events_append_only BEFORE UPDATE OR DELETE ON programme_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
