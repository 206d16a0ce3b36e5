-- Reminders: consents, postal addresses, the outbox and its worker, letter batches (docs/messaging.md).

-- The person whose consents change, locked so that two changes for the same person follow each other;
-- another site's person, or an anonymised one, is not found.
-- name: messaging-person-lock
SELECT b.id, b.email, b.phone
  FROM beneficiaries b
 WHERE b.id = :id AND b.anonymised_at IS NULL
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   FOR UPDATE

-- name: messaging-person-visible
SELECT b.id FROM beneficiaries b
 WHERE b.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- Everything a message to this person needs: contacts, postal address, site.
-- name: messaging-recipient
SELECT b.id, b.site_id, b.first_name, b.last_name, b.email, b.phone, b.postcode, b.commune,
       s.name AS site_name, s.address AS site_address, p.street
  FROM beneficiaries b
  JOIN sites s ON s.id = b.site_id
  LEFT JOIN postal_addresses p ON p.beneficiary_id = b.id
 WHERE b.id = :id AND b.anonymised_at IS NULL

-- The channels this person agreed to, held FOR SHARE until the caller's transaction ends: a withdrawal waits for
-- it, then cancels whatever it queued.
-- name: messaging-consents-standing-locked
SELECT channel FROM consents WHERE beneficiary_id = :id AND given FOR SHARE

-- name: messaging-consents
SELECT k.channel, k.given, k.since, e.at AS recorded_at, u.display_name AS recorded_by
  FROM consents k
  JOIN consent_events e ON e.id = k.event_id
  JOIN users u ON u.id = e.actor_id
 WHERE k.beneficiary_id = :id

-- name: messaging-consent-events
SELECT e.id, e.channel, e.given, e.effective_on, e.at, u.display_name AS actor
  FROM consent_events e JOIN users u ON u.id = e.actor_id
 WHERE e.beneficiary_id = :id
 ORDER BY e.id

-- name: messaging-consent-insert
INSERT INTO consent_events (beneficiary_id, channel, given, effective_on, actor_id)
VALUES (:beneficiaryId, :channel, :given, :effectiveOn, :actorId)

-- Transaction-local: the outbox journal (V20 trigger) names this person as the one who acted.
-- name: messaging-set-actor
SELECT set_config('parc.actor_id', CAST(:actorId AS text), true) AS actor

-- name: messaging-address
SELECT street FROM postal_addresses WHERE beneficiary_id = :id

-- name: messaging-address-upsert
INSERT INTO postal_addresses (beneficiary_id, street, updated_by) VALUES (:id, :street, :actorId)
ON CONFLICT (beneficiary_id) DO UPDATE SET street = EXCLUDED.street, updated_at = now(), updated_by = EXCLUDED.updated_by

-- name: messaging-address-delete
DELETE FROM postal_addresses WHERE beneficiary_id = :id

-- name: messaging-address-event-insert
INSERT INTO postal_address_events (beneficiary_id, kind, reason, actor_id) VALUES (:id, :kind, :reason, :actorId)

-- name: messaging-address-events
SELECT e.kind, e.reason, e.at, u.display_name AS actor
  FROM postal_address_events e LEFT JOIN users u ON u.id = e.actor_id
 WHERE e.beneficiary_id = :id ORDER BY e.id

-- A message valid until a date stays valid until the end of that day in France.
-- name: outbox-insert
INSERT INTO outbox (beneficiary_id, site_id, channel, template, dedup_key, recipient, subject, body, expires_at)
VALUES (:beneficiaryId, :siteId, :channel, :template, :dedupKey, :recipient, :subject, :body,
        CAST(CAST(:validUntil AS date) + 1 AS timestamp) AT TIME ZONE 'Europe/Paris')
ON CONFLICT (dedup_key) DO NOTHING
RETURNING id

-- A withdrawn consent: what waits for that channel will not leave (a letter already printed is the social
-- worker's to hold back; the batch page says so).
-- name: outbox-cancel-channel
UPDATE outbox SET state = 'CANCELLED', last_error = :reason
 WHERE beneficiary_id = :id AND channel = :channel AND state IN ('PENDING', 'UNCERTAIN')

-- A SENDING message whose lease ran out: its worker stopped (crash, kill, lost connection) somewhere between
-- the claim and the outcome. It may have left: UNCERTAIN, never sent again without a person deciding.
-- name: outbox-expire-leases
UPDATE outbox SET state = 'UNCERTAIN', lease_until = NULL, last_error = :reason
 WHERE state = 'SENDING' AND lease_until < now()

-- What did not leave in time (no server configured, or down for days) fails, visibly, rather than leave late;
-- a letter already printed in a batch is the social worker's to post or not.
-- name: outbox-expire-late
UPDATE outbox SET state = 'FAILED', last_error = :reason
 WHERE state = 'PENDING' AND expires_at <= now() AND batch_id IS NULL

-- One due message for the channels this worker can send, claimed: SENDING with a lease and a new claim token.
-- SKIP LOCKED lets several workers (threads or instances) claim side by side, never the same row.
-- name: outbox-claim
UPDATE outbox o
   SET state = 'SENDING', attempts = o.attempts + 1, claim = gen_random_uuid(), claimed_by = :worker,
       lease_until = now() + make_interval(secs => :leaseSeconds)
 WHERE o.id = (SELECT c.id FROM outbox c
                WHERE c.state = 'PENDING' AND c.channel <> 'LETTER' AND c.next_attempt_at <= now()
                  AND (c.expires_at IS NULL OR c.expires_at > now())
                  AND c.channel = ANY (CAST(:channels AS text[]))
                ORDER BY c.next_attempt_at, c.id
                LIMIT 1
                  FOR UPDATE SKIP LOCKED)
RETURNING o.id, o.uid, o.channel, o.recipient, o.subject, o.body, o.attempts, o.claim

-- The attempt left: recorded under its claim, even if its lease lapsed meanwhile (UNCERTAIN), a person put it back
-- in the queue (PENDING, not claimed again yet) or cancelled it: what happened wins, and it will not leave twice.
-- name: outbox-mark-sent
UPDATE outbox SET state = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL, reference = :reference
 WHERE id = :id AND claim = CAST(:claim AS uuid) AND state IN ('SENDING', 'UNCERTAIN', 'PENDING', 'CANCELLED')

-- The attempt did not leave and may be tried again later, or the attempts are spent.
-- name: outbox-mark-retry
UPDATE outbox SET state = CASE WHEN attempts >= :maxAttempts THEN 'FAILED' ELSE 'PENDING' END,
       next_attempt_at = now() + make_interval(secs => :delaySeconds), lease_until = NULL,
       last_error = CASE WHEN attempts >= :maxAttempts THEN :finalReason ELSE :reason END
 WHERE id = :id AND claim = CAST(:claim AS uuid) AND state IN ('SENDING', 'UNCERTAIN')

-- name: outbox-mark-failed
UPDATE outbox SET state = 'FAILED', lease_until = NULL, last_error = :reason
 WHERE id = :id AND claim = CAST(:claim AS uuid) AND state IN ('SENDING', 'UNCERTAIN')

-- name: outbox-mark-uncertain
UPDATE outbox SET state = 'UNCERTAIN', lease_until = NULL, last_error = :reason
 WHERE id = :id AND claim = CAST(:claim AS uuid) AND state = 'SENDING'

-- A person's decision after checking with the recipient: send again (attempts start afresh, and no deadline: a
-- person chose to send it now), or give up. The claim stays, so that a late report of the earlier attempt still
-- wins over the new one.
-- name: outbox-requeue
UPDATE outbox SET state = 'PENDING', next_attempt_at = now(), attempts = 0, last_error = NULL, expires_at = NULL
 WHERE id = :id AND state IN ('UNCERTAIN', 'FAILED') AND channel <> 'LETTER'
   AND beneficiary_id IN (SELECT b.id FROM beneficiaries b WHERE b.anonymised_at IS NULL)

-- name: outbox-cancel
UPDATE outbox SET state = 'CANCELLED'
 WHERE id = :id AND state IN ('PENDING', 'UNCERTAIN', 'FAILED')

-- name: outbox-lock
SELECT o.id, o.state, o.channel, o.batch_id FROM outbox o JOIN beneficiaries b ON b.id = o.beneficiary_id
 WHERE o.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
   FOR UPDATE OF o

-- name: outbox-of-beneficiary
SELECT o.id, o.channel, o.template, o.recipient, o.subject, o.body, o.state, o.attempts, o.next_attempt_at,
       o.expires_at, o.last_error, o.batch_id, o.reference, o.created_at, o.sent_at
  FROM outbox o JOIN beneficiaries b ON b.id = o.beneficiary_id
 WHERE o.beneficiary_id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY o.id DESC
 LIMIT 200

-- name: outbox-by-id
SELECT o.id, o.channel, o.template, o.recipient, o.subject, o.body, o.state, o.attempts, o.next_attempt_at,
       o.expires_at, o.last_error, o.batch_id, o.reference, o.created_at, o.sent_at
  FROM outbox o JOIN beneficiaries b ON b.id = o.beneficiary_id
 WHERE o.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- name: outbox-events
SELECT e.id, e.from_state, e.to_state, e.attempt, e.batch_id, e.detail, e.worker, u.display_name AS actor, e.at
  FROM outbox_events e LEFT JOIN users u ON u.id = e.actor_id
 WHERE e.message_id = :id
 ORDER BY e.id

-- Anonymisation: nothing more leaves for this person, and what the outbox kept of them (address, number,
-- text with their name) is cleared; states, dates and channels stay for the counts.
-- name: outbox-forget-cancel
UPDATE outbox SET state = 'CANCELLED', last_error = :reason
 WHERE beneficiary_id = :id AND state IN ('PENDING', 'UNCERTAIN', 'FAILED')

-- The error a server returned is redacted (ErrorText) but is still words about this person's message: it goes too.
-- name: outbox-forget-scrub
UPDATE outbox SET recipient = '[anonymisé]', body = '[anonymisé]',
       subject = CASE WHEN subject IS NULL THEN NULL ELSE '[anonymisé]' END,
       last_error = CASE WHEN last_error IS NULL THEN NULL ELSE '[anonymisé]' END
 WHERE beneficiary_id = :id
   AND (recipient <> '[anonymisé]' OR body <> '[anonymisé]' OR last_error <> '[anonymisé]')

-- The journal keeps each step of the person's messages; only the error it copied goes (V31 lets anonymisation
-- clear that one column of this append-only table, inside a transaction that declared it).
-- name: messaging-declare-erasure
SELECT set_config('parc.gdpr_erasure', 'on', true) AS on

-- name: outbox-forget-journal
UPDATE outbox_events SET detail = '[anonymisé]'
 WHERE message_id IN (SELECT id FROM outbox WHERE beneficiary_id = :id) AND detail <> '[anonymisé]'

-- name: letter-batch-insert
INSERT INTO letter_batches (site_id, created_by) VALUES (:siteId, :actorId) RETURNING id

-- The letters waiting at a site, not yet in a batch, taken into this one (SKIP LOCKED: two social workers
-- printing at once get two batches, never the same letter twice).
-- name: letter-batch-take
UPDATE outbox SET batch_id = :batchId
 WHERE id IN (SELECT id FROM outbox
               WHERE channel = 'LETTER' AND state = 'PENDING' AND batch_id IS NULL AND site_id = :siteId
                 AND (expires_at IS NULL OR expires_at > now())
               ORDER BY id
                 FOR UPDATE SKIP LOCKED)

-- name: letter-batch-lock
SELECT lb.id, lb.site_id, lb.created_at, lb.confirmed_at, lb.released_at
  FROM letter_batches lb
 WHERE lb.id = :id AND (CAST(:siteId AS bigint) IS NULL OR lb.site_id = :siteId)
   FOR UPDATE

-- name: letter-batch-by-id
SELECT lb.id, lb.site_id, s.name AS site_name, s.address AS site_address, lb.created_at, lb.confirmed_at,
       lb.released_at, u.display_name AS created_by_name
  FROM letter_batches lb JOIN sites s ON s.id = lb.site_id JOIN users u ON u.id = lb.created_by
 WHERE lb.id = :id AND (CAST(:siteId AS bigint) IS NULL OR lb.site_id = :siteId)

-- Letters of a batch as printed: every one but those cancelled before printing is on paper.
-- name: letter-batch-letters
SELECT o.id, o.recipient, o.subject, o.body, o.state
  FROM outbox o
 WHERE o.batch_id = :batchId AND o.state <> 'CANCELLED'
 ORDER BY o.id

-- name: letter-batch-confirm-letters
UPDATE outbox SET state = 'SENT', sent_at = now() WHERE batch_id = :batchId AND state = 'PENDING'

-- name: letter-batch-confirm
UPDATE letter_batches SET confirmed_at = now(), confirmed_by = :actorId WHERE id = :id

-- name: letter-batch-release-letters
UPDATE outbox SET batch_id = NULL WHERE batch_id = :batchId AND state = 'PENDING'

-- name: letter-batch-release
UPDATE letter_batches SET released_at = now(), released_by = :actorId WHERE id = :id

-- name: letters-waiting
SELECT count(*) AS waiting FROM outbox
 WHERE channel = 'LETTER' AND state = 'PENDING' AND batch_id IS NULL AND site_id = :siteId
   AND (expires_at IS NULL OR expires_at > now())

-- Loans still running whose due date falls between :from and :to, with what their reminder says.
-- name: reminder-loans-due
SELECT a.id, a.beneficiary_id, a.due_on, m.tag, m.type, m.brand, m.model
  FROM assignments a
  JOIN machines m ON m.id = a.machine_id
  JOIN beneficiaries b ON b.id = a.beneficiary_id
 WHERE a.status = 'ACTIVE' AND a.kind = 'LOAN' AND b.anonymised_at IS NULL
   AND a.due_on BETWEEN :from AND :to
 ORDER BY a.due_on, a.id


-- Messages that need a person's eye at the reader's site (all sites for an unattached reader): waiting, being
-- sent, failed or uncertain, oldest first.
-- name: outbox-attention
SELECT o.id, o.beneficiary_id, b.first_name, b.last_name, o.channel, o.template, o.subject, o.body, o.state,
       o.attempts, o.next_attempt_at, o.expires_at, o.last_error, o.batch_id, o.created_at, o.sent_at
  FROM outbox o JOIN beneficiaries b ON b.id = o.beneficiary_id
 WHERE o.state IN ('PENDING', 'SENDING', 'FAILED', 'UNCERTAIN')
   AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)
 ORDER BY o.created_at, o.id
 LIMIT 500

-- Letters waiting for a batch, per site the reader may print for.
-- name: letters-waiting-by-site
SELECT s.id AS site_id, s.name AS site_name, count(*) AS waiting
  FROM outbox o JOIN sites s ON s.id = o.site_id
 WHERE o.channel = 'LETTER' AND o.state = 'PENDING' AND o.batch_id IS NULL
   AND (o.expires_at IS NULL OR o.expires_at > now())
   AND (CAST(:siteId AS bigint) IS NULL OR o.site_id = :siteId)
 GROUP BY s.id, s.name ORDER BY s.name

-- Batches printed and not yet confirmed or released, for the reader's site.
-- name: letter-batches-open
SELECT lb.id, lb.site_id, s.name AS site_name, lb.created_at, u.display_name AS created_by_name,
       (SELECT count(*) FROM outbox o WHERE o.batch_id = lb.id AND o.state = 'PENDING') AS letters
  FROM letter_batches lb JOIN sites s ON s.id = lb.site_id JOIN users u ON u.id = lb.created_by
 WHERE lb.confirmed_at IS NULL AND lb.released_at IS NULL
   AND (CAST(:siteId AS bigint) IS NULL OR lb.site_id = :siteId)
 ORDER BY lb.id

-- The letters of a batch as the page lists them: to whom (name only) and what became of each.
-- name: letter-batch-lines
SELECT o.id, o.beneficiary_id, b.first_name, b.last_name, o.subject, o.state
  FROM outbox o JOIN beneficiaries b ON b.id = o.beneficiary_id
 WHERE o.batch_id = :batchId
 ORDER BY o.id

-- The site a person belongs to, for the API's outbox listing.
-- name: messaging-site-of
SELECT b.site_id FROM beneficiaries b
 WHERE b.id = :id AND (CAST(:siteId AS bigint) IS NULL OR b.site_id = :siteId)

-- Right of access: the person's messages (what was sent to whom, through which channel, and what became of it).
-- name: messaging-report-messages
SELECT o.id, o.channel, o.state, o.recipient, o.subject, o.body, o.created_at, o.sent_at
  FROM outbox o WHERE o.beneficiary_id = :id ORDER BY o.id

-- name: messaging-report-address-events
SELECT e.kind, e.reason, e.at, u.display_name AS actor
  FROM postal_address_events e LEFT JOIN users u ON u.id = e.actor_id
 WHERE e.beneficiary_id = :id ORDER BY e.id

-- Demo data (./parc start --demo): the four people the loans demo registered, found by name (the newest of each;
-- the first four of the table were other people in a shared test database, and one without a mobile got the SMS
-- consent), each once with its oldest loan under way if any.
-- name: messaging-demo-people
SELECT DISTINCT ON (d.n) b.id, b.first_name, a.due_on, m.tag, m.brand, m.model
  FROM (VALUES (1, 'Lambert', 'Josiane'), (2, 'Diallo', 'Mamadou'), (3, 'Moreau', 'Chloé'), (4, 'Haddad', 'Samir'))
       AS d(n, last_name, first_name)
  JOIN beneficiaries b ON b.last_name = d.last_name AND b.first_name = d.first_name AND b.anonymised_at IS NULL
  LEFT JOIN assignments a ON a.beneficiary_id = b.id AND a.kind = 'LOAN' AND a.status = 'ACTIVE'
  LEFT JOIN machines m ON m.id = a.machine_id
 ORDER BY d.n, b.id DESC, a.id

-- Demo data: a message moved to the state it shows (journaled by the trigger like any change).
-- name: messaging-demo-state
UPDATE outbox SET state = :state, attempts = :attempts, last_error = :error,
       next_attempt_at = now() + make_interval(mins => :retryInMinutes),
       sent_at = CASE WHEN :state = 'SENT' THEN now() - interval '1 day' END,
       reference = CASE WHEN :state = 'SENT' THEN '<demo-' || id || '@parc-solidaire.test>' END
 WHERE id = :id

-- name: messaging-site-exists
SELECT id FROM sites WHERE id = :id
