-- Outcomes (issue 15, sections 1 and 2): the participants' skills self-assessment at entry and exit of a
-- session, and the follow-up at 3 and 6 months after each handover. docs/outcomes.md defines each figure.

-- One questionnaire per enrolment and phase, as the participant filled it. The answers keep the version of
-- the statements (src/main/resources/outcomes/skills-<version>.txt): a later version never reinterprets them.
-- A second questionnaire for the same phase is refused (unique), nothing is overwritten.
CREATE TABLE skill_assessments (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrolment_id           bigint NOT NULL REFERENCES enrolments,
    phase                  text NOT NULL CHECK (phase IN ('ENTRY', 'EXIT')),
    questionnaire_version  text NOT NULL CHECK (questionnaire_version ~ '^v[0-9]{1,3}$'),
    -- {"statement code": level 1..4}, the skill statements only.
    answers                jsonb NOT NULL,
    -- Mean level of the skill statements, kept so the reports compare entry and exit in plain SQL.
    mean_level             numeric(4, 3) NOT NULL CHECK (mean_level BETWEEN 1 AND 4),
    -- "Je me sens capable d'utiliser un ordinateur seul", 1..4.
    feels_capable          smallint NOT NULL CHECK (feels_capable BETWEEN 1 AND 4),
    created_at             timestamptz NOT NULL DEFAULT now(),
    created_by             bigint NOT NULL REFERENCES users,
    UNIQUE (enrolment_id, phase)
);
CREATE TRIGGER skill_assessments_append_only BEFORE UPDATE OR DELETE ON skill_assessments
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Every contact made for a follow-up (milestone 3 or 6 months after the handover): an unanswered attempt, or
-- the person's answers. Append-only: this is the journal (who, when, what).
CREATE TABLE follow_up_contacts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id   bigint NOT NULL REFERENCES assignments,
    milestone       smallint NOT NULL CHECK (milestone IN (3, 6)),
    channel         text NOT NULL CHECK (channel IN ('PHONE', 'SMS', 'IN_PERSON')),
    answered        boolean NOT NULL,
    machine_use     text CHECK (machine_use IN ('DAILY', 'WEEKLY', 'RARELY', 'NO_LONGER')),
    use_reason      text CHECK (length(use_reason) <= 500),
    home_internet   boolean,
    problems        text CHECK (length(problems) <= 1000),
    breakdown       boolean,
    feels_capable   smallint CHECK (feels_capable BETWEEN 1 AND 4),
    incident_id     bigint REFERENCES incidents,
    at              timestamptz NOT NULL DEFAULT now(),
    actor_id        bigint NOT NULL REFERENCES users,
    CHECK (answered = (machine_use IS NOT NULL)),
    CHECK (answered OR (home_internet IS NULL AND problems IS NULL AND breakdown IS NULL AND feels_capable IS NULL))
);
CREATE INDEX follow_up_contacts_assignment ON follow_up_contacts (assignment_id, milestone, id);
-- Append-only, except that anonymisation clears the free text (why the machine is unused, problems met), as for
-- the incidents' notes (V16).
CREATE TRIGGER follow_up_contacts_append_only BEFORE UPDATE OR DELETE ON follow_up_contacts
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('use_reason', 'problems');

-- How a follow-up ended: answered, or unreachable after three unanswered attempts. The primary key is the last
-- word when two social workers close the same follow-up at once.
CREATE TABLE follow_up_closures (
    assignment_id  bigint NOT NULL REFERENCES assignments,
    milestone      smallint NOT NULL CHECK (milestone IN (3, 6)),
    status         text NOT NULL CHECK (status IN ('ANSWERED', 'UNREACHABLE')),
    contact_id     bigint NOT NULL REFERENCES follow_up_contacts,
    closed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assignment_id, milestone)
);
CREATE TRIGGER follow_up_closures_append_only BEFORE UPDATE OR DELETE ON follow_up_closures
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
