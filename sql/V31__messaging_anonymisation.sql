-- Anonymisation clears the error text the outbox journal copied from a message (docs/messaging.md, "Données
-- personnelles"): the journal stays append-only for everything else, as the other journals do since V16.
DROP TRIGGER outbox_events_append_only ON outbox_events;
CREATE TRIGGER outbox_events_append_only BEFORE UPDATE OR DELETE ON outbox_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change_except_gdpr_scrub('detail');
