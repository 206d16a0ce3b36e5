-- The participant's journey before and at the handover (issue 14, sections 1 and 2): the waiting list, the
-- reservation of a READY machine for one person, and kits (several items under one contract). docs/handover.md
-- explains the choices. Every table that can hold words about a person is cleared by anonymisation (gdpr.sql).

-- A person waiting for a machine. Uses and needs are codes; children and internet access are categories only
-- (DESIGN.md: collect what the loan needs, nothing more). At most one open request per person.
CREATE TABLE waiting_list_entries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beneficiary_id   bigint NOT NULL REFERENCES beneficiaries,
    site_id          bigint NOT NULL REFERENCES sites,
    asked_on         date NOT NULL,
    uses             text[] NOT NULL CHECK (cardinality(uses) BETWEEN 1 AND 5 AND uses <@ ARRAY['JOB_SEARCH',
                         'SCHOOL_WORK', 'ONLINE_PROCEDURES', 'TRAINING', 'KEEPING_IN_TOUCH']),
    needs            text[] NOT NULL DEFAULT '{}' CHECK (needs <@ ARRAY['WEBCAM', 'LARGE_SCREEN', 'LIGHT',
                         'ACCESSIBILITY', 'MOUSE_BEGINNER']),
    priority         text NOT NULL CHECK (priority IN ('URGENT', 'HIGH', 'NORMAL')),
    priority_reason  text CHECK (length(priority_reason) <= 500),
    children         text NOT NULL CHECK (children IN ('NONE', 'ONE', 'TWO_OR_MORE')),
    internet         text NOT NULL CHECK (internet IN ('BOX', 'MOBILE_ONLY', 'NONE', 'SOCIAL_TARIFF')),
    status           text NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING', 'SERVED', 'WITHDRAWN')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       bigint NOT NULL REFERENCES users,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX waiting_list_one_open ON waiting_list_entries (beneficiary_id) WHERE status = 'WAITING';
CREATE INDEX waiting_list_site ON waiting_list_entries (site_id, status);

CREATE TABLE waiting_list_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id  bigint NOT NULL REFERENCES waiting_list_entries,
    kind      text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'SERVED', 'WITHDRAWN')),
    actor_id  bigint NOT NULL REFERENCES users,
    at        timestamptz NOT NULL DEFAULT now(),
    note      text CHECK (length(note) <= 2000),
    data      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX waiting_list_events_entry ON waiting_list_events (entry_id, id);
CREATE TRIGGER waiting_list_events_append_only BEFORE UPDATE OR DELETE ON waiting_list_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note', 'data');

-- A READY machine held for one person until a date (inclusive). One ACTIVE reservation per machine: the partial
-- unique index is the last word when two social workers reserve at once. A reservation past its date lapses
-- (status LAPSED, with its event, written by whoever reads or changes reservations first, or by the sweep).
CREATE TABLE reservations (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    machine_id      bigint NOT NULL REFERENCES machines,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    until           date NOT NULL,
    status          text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CANCELLED', 'LAPSED', 'FULFILLED')),
    note            text CHECK (length(note) <= 500),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      bigint NOT NULL REFERENCES users,
    ended_at        timestamptz,
    CHECK ((status = 'ACTIVE') = (ended_at IS NULL))
);
CREATE UNIQUE INDEX reservations_one_active ON reservations (machine_id) WHERE status = 'ACTIVE';
CREATE INDEX reservations_due ON reservations (until) WHERE status = 'ACTIVE';
CREATE INDEX reservations_beneficiary ON reservations (beneficiary_id);

-- actor_id is null when the reservation lapsed by itself (the service noticed the date had passed).
CREATE TABLE reservation_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reservation_id  bigint NOT NULL REFERENCES reservations,
    kind            text NOT NULL CHECK (kind IN ('CREATED', 'CANCELLED', 'LAPSED', 'FULFILLED')),
    actor_id        bigint REFERENCES users,
    at              timestamptz NOT NULL DEFAULT now(),
    note            text CHECK (length(note) <= 2000),
    data            jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX reservation_events_reservation ON reservation_events (reservation_id, id);
CREATE TRIGGER reservation_events_append_only BEFORE UPDATE OR DELETE ON reservation_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note', 'data');

-- The other items of a kit handed over with the assignment's machine: a tagged machine (screen, mouse...) or an
-- accessory without a tag, by name and quantity. Each comes back on its own (returned_on).
CREATE TABLE assignment_items (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id  bigint NOT NULL REFERENCES assignments,
    position       smallint NOT NULL CHECK (position BETWEEN 1 AND 30),
    machine_id     bigint REFERENCES machines,
    name           text CHECK (length(name) BETWEEN 1 AND 80),
    quantity       smallint NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 20),
    returned_on    date,
    CHECK ((machine_id IS NULL) <> (name IS NULL)),
    CHECK (machine_id IS NULL OR quantity = 1),
    UNIQUE (assignment_id, position)
);
CREATE UNIQUE INDEX assignment_items_machine_out ON assignment_items (machine_id)
    WHERE machine_id IS NOT NULL AND returned_on IS NULL;

CREATE TABLE assignment_item_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id   bigint NOT NULL REFERENCES assignment_items,
    kind      text NOT NULL CHECK (kind IN ('HANDED_OVER', 'RETURNED')),
    actor_id  bigint NOT NULL REFERENCES users,
    at        timestamptz NOT NULL DEFAULT now(),
    note      text CHECK (length(note) <= 2000),
    data      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX assignment_item_events_item ON assignment_item_events (item_id, id);
CREATE TRIGGER assignment_item_events_append_only BEFORE UPDATE OR DELETE ON assignment_item_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('note', 'data');
