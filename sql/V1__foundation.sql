-- Foundation: sites, users and sessions, donors and donations, machines and their append-only history.

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'PS001';
END;
$$;

CREATE TABLE sites (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,30}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    tag_prefix  text NOT NULL CHECK (tag_prefix ~ '^[A-Z]{2,6}$'),
    address     text CHECK (length(address) <= 300)
);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    role          text NOT NULL CHECK (role IN ('ADMIN', 'TECHNICIAN', 'SOCIAL_WORKER', 'COORDINATOR')),
    password_hash text NOT NULL,
    active        boolean NOT NULL DEFAULT true,
    site_id       bigint REFERENCES sites,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Who changed which account, when and how: accounts are never silently rewritten.
CREATE TABLE user_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id   bigint NOT NULL REFERENCES users,
    actor_id  bigint REFERENCES users,
    at        timestamptz NOT NULL DEFAULT now(),
    kind      text NOT NULL CHECK (kind IN ('CREATED', 'ROLE_CHANGED', 'PASSWORD_RESET', 'DEACTIVATED', 'REACTIVATED')),
    data      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX user_events_user ON user_events (user_id, id);
CREATE TRIGGER user_events_append_only BEFORE UPDATE OR DELETE ON user_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Sessions live in the database so that several instances can serve the same users.
-- Only a hash of the token is stored: a leaked table does not leak usable sessions.
CREATE TABLE sessions (
    token_hash    bytea PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users,
    kind          text NOT NULL CHECK (kind IN ('WEB', 'API')),
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE donors (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('COMPANY', 'PUBLIC_BODY', 'ASSOCIATION', 'RESIDENT')),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    contact_name  text CHECK (length(contact_name) <= 120),
    email         text CHECK (length(email) <= 200),
    phone         text CHECK (length(phone) <= 40),
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    bigint NOT NULL REFERENCES users
);
CREATE INDEX donors_name ON donors (lower(name));

CREATE TABLE donations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    donor_id     bigint NOT NULL REFERENCES donors,
    site_id      bigint NOT NULL REFERENCES sites,
    received_on  date NOT NULL CHECK (received_on >= DATE '2000-01-01'),
    note         text CHECK (length(note) <= 2000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   bigint NOT NULL REFERENCES users
);
CREATE INDEX donations_donor ON donations (donor_id);

-- One counter row per (prefix, year): an upsert that increments it hands out tags without duplicates,
-- even when many intakes run at once.
CREATE TABLE tag_counters (
    prefix      text NOT NULL,
    year        int NOT NULL,
    last_value  int NOT NULL CHECK (last_value BETWEEN 0 AND 99999),
    PRIMARY KEY (prefix, year)
);

CREATE TABLE machines (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tag             text NOT NULL UNIQUE CHECK (tag ~ '^[A-Z]{2,6}-[0-9]{4}-[0-9]{5}$'),
    donation_id     bigint NOT NULL REFERENCES donations,
    site_id         bigint NOT NULL REFERENCES sites,
    type            text NOT NULL CHECK (type IN ('LAPTOP', 'DESKTOP', 'SCREEN', 'TABLET', 'PHONE', 'PRINTER', 'ACCESSORY')),
    brand           text CHECK (length(brand) <= 80),
    model           text CHECK (length(model) <= 120),
    serial          text CHECK (length(serial) <= 80),
    state           text NOT NULL DEFAULT 'RECEIVED'
                    CHECK (state IN ('RECEIVED', 'IN_DIAGNOSIS', 'IN_RECONDITIONING', 'READY', 'ASSIGNED', 'RETURNED', 'SCRAPPED', 'PARTS')),
    grade           text CHECK (grade IN ('A', 'B', 'C')),
    cpu             text CHECK (length(cpu) <= 160),
    ram_gb          numeric(6, 1) CHECK (ram_gb > 0 AND ram_gb <= 4096),
    screen_inches   numeric(4, 1) CHECK (screen_inches > 0 AND screen_inches <= 100),
    battery_health  smallint CHECK (battery_health BETWEEN 0 AND 100),
    os_name         text CHECK (length(os_name) <= 80),
    os_version      text CHECK (length(os_version) <= 80),
    os_licence      text CHECK (length(os_licence) <= 120),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX machines_serial_per_type ON machines (type, upper(serial)) WHERE serial IS NOT NULL;
CREATE INDEX machines_state ON machines (state, id);
CREATE INDEX machines_donation ON machines (donation_id);
CREATE INDEX machines_site_state ON machines (site_id, state);

CREATE TABLE storage_devices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    machine_id   bigint NOT NULL REFERENCES machines,
    kind         text NOT NULL CHECK (kind IN ('HDD', 'SSD', 'NVME', 'EMMC', 'FLASH', 'OTHER')),
    capacity_gb  numeric(10, 1) CHECK (capacity_gb > 0),
    serial       text CHECK (length(serial) <= 80),
    model        text CHECK (length(model) <= 120),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX storage_devices_serial ON storage_devices (machine_id, upper(serial)) WHERE serial IS NOT NULL;
CREATE INDEX storage_devices_machine ON storage_devices (machine_id);

-- NIST SP 800-88 sanitisation records, one per storage device and attempt. Never rewritten.
CREATE TABLE erasures (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    machine_id         bigint NOT NULL REFERENCES machines,
    storage_device_id  bigint NOT NULL REFERENCES storage_devices,
    method             text NOT NULL CHECK (method IN ('CLEAR', 'PURGE', 'DESTROY')),
    tool               text NOT NULL CHECK (length(tool) BETWEEN 1 AND 80),
    passes             smallint NOT NULL CHECK (passes BETWEEN 0 AND 99),
    verified           boolean NOT NULL,
    result             text NOT NULL CHECK (result IN ('PASS', 'FAIL')),
    performed_on       date NOT NULL,
    technician_id      bigint NOT NULL REFERENCES users,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX erasures_device ON erasures (storage_device_id, id);
CREATE TRIGGER erasures_append_only BEFORE UPDATE OR DELETE ON erasures
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The history of every machine. A TRANSITION event is what moves the machine: the trigger below
-- sets machines.state from it, so the current state is always the last transition's target.
CREATE TABLE machine_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    machine_id  bigint NOT NULL REFERENCES machines,
    kind        text NOT NULL CHECK (kind IN ('INTAKE', 'TRANSITION', 'DIAGNOSIS', 'STORAGE_ADDED', 'ERASURE',
                                              'REPAIR', 'OS_INSTALL', 'HARDWARE_IMPORT')),
    from_state  text,
    to_state    text,
    actor_id    bigint NOT NULL REFERENCES users,
    at          timestamptz NOT NULL DEFAULT now(),
    note        text CHECK (length(note) <= 2000),
    data        jsonb NOT NULL DEFAULT '{}',
    CHECK ((kind = 'TRANSITION') = (from_state IS NOT NULL AND to_state IS NOT NULL))
);
CREATE INDEX machine_events_machine ON machine_events (machine_id, id);
CREATE INDEX machine_events_transitions ON machine_events (to_state, at) WHERE kind = 'TRANSITION';
CREATE TRIGGER machine_events_append_only BEFORE UPDATE OR DELETE ON machine_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE FUNCTION apply_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE machines SET state = NEW.to_state, updated_at = now()
     WHERE id = NEW.machine_id AND state = NEW.from_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'machine % is not in state %', NEW.machine_id, NEW.from_state USING ERRCODE = 'PS409';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER machine_events_apply_transition AFTER INSERT ON machine_events
    FOR EACH ROW WHEN (NEW.kind = 'TRANSITION') EXECUTE FUNCTION apply_transition();
