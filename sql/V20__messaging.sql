-- Reminders that reach people (issue 15, section 3): consent per channel, the postal address letters need,
-- the outbox with its journal, and the printed-letter batches. docs/messaging.md explains the choices.

-- Every consent given or withdrawn, as the social worker recorded it: the date the person said so (which may be
-- a few days before it was typed in), who recorded it and when. Nothing here is personal beyond the link.
CREATE TABLE consent_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    channel         text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'LETTER')),
    given           boolean NOT NULL,
    effective_on    date NOT NULL,
    actor_id        bigint NOT NULL REFERENCES users,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_events_beneficiary ON consent_events (beneficiary_id, id);
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The standing consent per person and channel: the last event, kept by the trigger below, never written directly.
-- Queuing a message reads it FOR SHARE, so a withdrawal (which updates it) waits for that transaction and then
-- cancels what it queued.
CREATE TABLE consents (
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    channel         text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'LETTER')),
    given           boolean NOT NULL,
    since           date NOT NULL,
    event_id        bigint NOT NULL REFERENCES consent_events,
    PRIMARY KEY (beneficiary_id, channel)
);

CREATE FUNCTION consent_from_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO consents (beneficiary_id, channel, given, since, event_id)
    VALUES (NEW.beneficiary_id, NEW.channel, NEW.given, NEW.effective_on, NEW.id)
    ON CONFLICT (beneficiary_id, channel)
        DO UPDATE SET given = EXCLUDED.given, since = EXCLUDED.since, event_id = EXCLUDED.event_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER consent_events_standing AFTER INSERT ON consent_events
    FOR EACH ROW EXECUTE FUNCTION consent_from_event();

-- The street line of the postal address, only for people who chose letters (postcode and commune are already on
-- their record): collected with the letter consent, erased when it is withdrawn or the person is anonymised.
CREATE TABLE postal_addresses (
    beneficiary_id  bigint PRIMARY KEY REFERENCES beneficiaries,
    street          text NOT NULL CHECK (length(street) BETWEEN 1 AND 200),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      bigint NOT NULL REFERENCES users
);

-- Who set or erased an address, and when; never the address itself (it must be erasable).
CREATE TABLE postal_address_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beneficiary_id  bigint NOT NULL REFERENCES beneficiaries,
    kind            text NOT NULL CHECK (kind IN ('SET', 'ERASED')),
    reason          text NOT NULL CHECK (reason IN ('RECORDED', 'LETTER_CONSENT_WITHDRAWN', 'ANONYMISED')),
    actor_id        bigint REFERENCES users,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX postal_address_events_beneficiary ON postal_address_events (beneficiary_id, id);
CREATE TRIGGER postal_address_events_append_only BEFORE UPDATE OR DELETE ON postal_address_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A batch of letters printed together for one site: posted once the social worker confirms it, or released.
CREATE TABLE letter_batches (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id       bigint NOT NULL REFERENCES sites,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    bigint NOT NULL REFERENCES users,
    confirmed_at  timestamptz,
    confirmed_by  bigint REFERENCES users,
    released_at   timestamptz,
    released_by   bigint REFERENCES users,
    CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL)),
    CHECK ((released_at IS NULL) = (released_by IS NULL)),
    CHECK (confirmed_at IS NULL OR released_at IS NULL)
);
CREATE INDEX letter_batches_site ON letter_batches (site_id, id);

-- The outbox: one row per message, written in the transaction that caused it, with the text as rendered then and
-- the recipient as known then. A worker claims a due row (FOR UPDATE SKIP LOCKED), marks it SENDING with a lease
-- and a claim token, sends, and records the outcome under that token. A SENDING row whose lease ran out is
-- UNCERTAIN: it may have left, so it is never sent again without a person deciding (at most once).
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uid              uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    beneficiary_id   bigint NOT NULL REFERENCES beneficiaries,
    site_id          bigint NOT NULL REFERENCES sites,
    channel          text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'LETTER')),
    template         text NOT NULL CHECK (template ~ '^[a-z0-9-]{1,60}$'),
    -- What the message is about (rule, subject, date): at most one message per key, whatever became of it.
    dedup_key        text UNIQUE CHECK (length(dedup_key) BETWEEN 1 AND 200),
    recipient        text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 400),
    subject          text CHECK (length(subject) <= 200),
    body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    state            text NOT NULL DEFAULT 'PENDING'
                     CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED', 'UNCERTAIN')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- A reminder that has not left by then would say something no longer true: it fails instead of leaving late.
    expires_at       timestamptz,
    lease_until      timestamptz,
    claim            uuid,
    claimed_by       text CHECK (length(claimed_by) <= 100),
    last_error       text CHECK (length(last_error) <= 500),
    batch_id         bigint REFERENCES letter_batches,
    -- The id the mail server or the gateway knows the message by (Message-ID, the gateway's id), for support.
    reference        text CHECK (length(reference) <= 200),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CHECK ((state = 'SENDING') = (lease_until IS NOT NULL)),
    CHECK ((state = 'SENT') = (sent_at IS NOT NULL)),
    CHECK (batch_id IS NULL OR channel = 'LETTER'),
    -- An e-mail and a letter have a subject ("Objet"), an SMS has none.
    CHECK ((channel = 'SMS') = (subject IS NULL))
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'PENDING' AND channel <> 'LETTER';
CREATE INDEX outbox_leases ON outbox (lease_until) WHERE state = 'SENDING';
CREATE INDEX outbox_beneficiary ON outbox (beneficiary_id, id);
CREATE INDEX outbox_letters ON outbox (site_id, id) WHERE channel = 'LETTER' AND state = 'PENDING';
CREATE INDEX outbox_batch ON outbox (batch_id) WHERE batch_id IS NOT NULL;

-- Every change of a message's state or batch, with the attempt, the (redacted) error, the worker, and the person
-- when one acted: the transaction names them with set_config('parc.actor_id', ..., true).
CREATE TABLE outbox_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  bigint NOT NULL REFERENCES outbox,
    from_state  text,
    to_state    text NOT NULL,
    attempt     integer NOT NULL,
    batch_id    bigint REFERENCES letter_batches,
    detail      text CHECK (length(detail) <= 500),
    worker      text CHECK (length(worker) <= 100),
    actor_id    bigint REFERENCES users,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_events_message ON outbox_events (message_id, id);
CREATE TRIGGER outbox_events_append_only BEFORE UPDATE OR DELETE ON outbox_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The journal is written here rather than by each statement, so that no path that moves a message can forget it.
CREATE FUNCTION outbox_journal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_previous  text;
    v_detail    text := NEW.last_error;
    v_actor     bigint := CAST(nullif(current_setting('parc.actor_id', true), '') AS bigint);
    v_worker    text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.state IS NOT DISTINCT FROM NEW.state AND OLD.batch_id IS NOT DISTINCT FROM NEW.batch_id THEN
            RETURN NEW;
        END IF;
        v_previous := OLD.state;
        IF OLD.last_error IS NOT DISTINCT FROM NEW.last_error THEN
            v_detail := NULL;
        END IF;
    END IF;
    -- The worker is named for the steps it took: a claim, the lapse of its lease, the outcome of its attempt.
    IF NEW.state = 'SENDING' OR v_previous = 'SENDING'
       OR (v_previous = 'UNCERTAIN' AND NEW.state <> 'CANCELLED' AND v_actor IS NULL) THEN
        v_worker := NEW.claimed_by;
    END IF;
    INSERT INTO outbox_events (message_id, from_state, to_state, attempt, batch_id, detail, worker, actor_id)
    VALUES (NEW.id, v_previous, NEW.state, NEW.attempts, NEW.batch_id, v_detail, v_worker, v_actor);
    RETURN NEW;
END;
$$;
CREATE TRIGGER outbox_journal AFTER INSERT OR UPDATE ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_journal();
