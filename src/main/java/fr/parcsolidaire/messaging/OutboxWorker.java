package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds, at most once. Each message goes through three steps, each its own statement:
 * claim (PENDING → SENDING with a lease and a claim token, FOR UPDATE SKIP LOCKED, so that any number of workers
 * in any number of instances never take the same row), send (outside any transaction), and record the outcome
 * under the claim token. A worker that dies between claim and record leaves a SENDING row whose lease lapses:
 * the next worker makes it UNCERTAIN, never PENDING, since the message may have left. Channels without a
 * configured sender are not claimed: their messages wait, visibly.
 */
final class OutboxWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());

    /** A message this worker holds: {@code claim} is the token its outcome must match. */
    record Claimed(Sender.Envelope envelope, int attempt, UUID claim) {
    }

    private final Database database;
    private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
    private final MessagingSettings.Worker settings;
    private final Backoff backoff;
    private final String name;
    private final Object wakeUp = new Object();
    private volatile boolean running;
    /** A nudge that came while a round was running: the next round starts at once. Guarded by wakeUp. */
    private boolean nudged;
    private Thread thread;

    OutboxWorker(Database database, List<Sender> senders, MessagingSettings.Worker settings, String name) {
        this.database = database;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.name = name;
    }

    /** A name that tells instances apart in the journal: host, process, and a random part for several per process. */
    static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "?";
        }
        String name = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    /**
     * One round: lapsed leases become UNCERTAIN, messages past their validity FAILED, then due messages are claimed
     * and sent one after the other, at most {@code max}. Returns how many were attempted.
     */
    int runOnce(int max) {
        expireLeases();
        expireLate();
        int attempted = 0;
        while (attempted < max) {
            Optional<Claimed> claimed = claim();
            if (claimed.isEmpty()) {
                break;
            }
            deliver(claimed.get());
            attempted++;
        }
        return attempted;
    }

    void expireLeases() {
        long lapsed = database.client().execute().createNamedUpdate("outbox-expire-leases")
                .addParam("reason", "Envoi interrompu (arrêt ou panne pendant l'envoi) : le message est peut-être parti. "
                        + "Vérifiez auprès de la personne avant de le renvoyer.").execute();
        if (lapsed > 0) {
            LOG.warning(lapsed + " message(s) à l'envoi incertain : leur envoi a été interrompu.");
        }
    }

    void expireLate() {
        long late = database.client().execute().createNamedUpdate("outbox-expire-late")
                .addParam("reason", "Trop tard : ce message n'est pas parti à temps (serveur non configuré ou injoignable), "
                        + "il n'est plus d'actualité.").execute();
        if (late > 0) {
            LOG.warning(late + " message(s) non partis à temps, marqués en échec.");
        }
    }

    /** Takes one due message for the channels this worker can send, if any. */
    Optional<Claimed> claim() {
        if (senders.isEmpty()) {
            return Optional.empty();
        }
        String channels = senders.keySet().stream().map(Channel::name).collect(Collectors.joining(",", "{", "}"));
        return database.client().execute().createNamedGet("outbox-claim")
                .addParam("worker", name)
                .addParam("leaseSeconds", (double) settings.lease().toMillis() / 1000)
                .addParam("channels", channels)
                .execute().map(OutboxWorker::claimed);
    }

    void deliver(Claimed claimed) {
        Sender.Delivery delivery;
        try {
            delivery = senders.get(claimed.envelope().channel()).send(claimed.envelope());
        } catch (RuntimeException e) {
            // A sender is not supposed to throw; if one does, nobody knows how far it got.
            LOG.log(Level.WARNING, "Envoi du message " + claimed.envelope().id() + " interrompu par une erreur", e);
            delivery = new Sender.Delivery.Uncertain("Erreur inattendue pendant l'envoi : le message est peut-être parti.");
        }
        record(claimed, delivery);
    }

    /** Records what became of a claimed message, under its claim token. */
    void record(Claimed claimed, Sender.Delivery delivery) {
        long id = claimed.envelope().id();
        String claim = claimed.claim().toString();
        var tx = database.client().execute();
        long changed = switch (delivery) {
            case Sender.Delivery.Sent sent -> tx.createNamedUpdate("outbox-mark-sent").addParam("id", id)
                    .addParam("claim", claim).addParam("reference", sent.reference()).execute();
            case Sender.Delivery.RetryLater retry -> tx.createNamedUpdate("outbox-mark-retry").addParam("id", id)
                    .addParam("claim", claim).addParam("maxAttempts", settings.maxAttempts())
                    .addParam("delaySeconds", (double) backoff.after(claimed.attempt()).toSeconds())
                    .addParam("reason", retry.reason() + " Nouvel essai prévu.")
                    .addParam("finalReason", retry.reason() + " Abandon après " + claimed.attempt() + " essais.")
                    .execute();
            case Sender.Delivery.Refused refused -> tx.createNamedUpdate("outbox-mark-failed").addParam("id", id)
                    .addParam("claim", claim).addParam("reason", refused.reason()).execute();
            case Sender.Delivery.Uncertain uncertain -> tx.createNamedUpdate("outbox-mark-uncertain").addParam("id", id)
                    .addParam("claim", claim).addParam("reason", uncertain.reason() + " Vérifiez auprès de la personne "
                            + "avant de le renvoyer.").execute();
        };
        if (changed == 0) {
            LOG.warning("Issue de l'envoi du message " + id + " non enregistrée : il a changé entre-temps (" + delivery + ").");
        }
    }

    /** Polls in the background until {@link #close()}. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("outbox-worker").start(this::loop);
    }

    /** Something was just queued: look now rather than at the next poll. */
    void nudge() {
        synchronized (wakeUp) {
            nudged = true;
            wakeUp.notifyAll();
        }
    }

    /** The channels this worker sends; the others' messages wait, visibly. */
    java.util.Set<Channel> channels() {
        return java.util.Collections.unmodifiableSet(senders.keySet());
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce(100) == 100) {
                    continue;
                }
            } catch (RuntimeException e) {
                // The database may be away; nothing was lost (a claimed message becomes UNCERTAIN at worst).
                LOG.log(Level.WARNING, "Envoi des messages impossible pour l'instant", e);
            }
            synchronized (wakeUp) {
                if (running && !nudged) {
                    try {
                        wakeUp.wait(Math.max(1, settings.pollInterval().toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                nudged = false;
            }
        }
    }

    /**
     * Stops polling and lets the message being sent finish (an interrupted send would become uncertain), waiting
     * at most {@code grace}.
     */
    void stop(Duration grace) {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (t != null) {
            try {
                if (!t.join(grace)) {
                    LOG.warning("Le dernier envoi n'a pas fini à temps ; il sera marqué « envoi incertain ».");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    private static Claimed claimed(DbRow r) {
        return new Claimed(new Sender.Envelope(Rows.longValue(r, "id"), UUID.fromString(Rows.text(r, "uid")),
                Channel.valueOf(Rows.text(r, "channel")), Rows.text(r, "recipient"), Rows.text(r, "subject"),
                Rows.text(r, "body")), Rows.intOrNull(r, "attempts"), UUID.fromString(Rows.text(r, "claim")));
    }
}
