-- Attaching an account to one site (or back to all sites) is journaled like every other account change.
ALTER TABLE user_events DROP CONSTRAINT user_events_kind_check;
ALTER TABLE user_events ADD CONSTRAINT user_events_kind_check
    CHECK (kind IN ('CREATED', 'ROLE_CHANGED', 'PASSWORD_RESET', 'DEACTIVATED', 'REACTIVATED', 'SITE_CHANGED'));
