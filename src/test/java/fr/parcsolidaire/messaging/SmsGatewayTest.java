package fr.parcsolidaire.messaging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.parcsolidaire.platform.http.Jsonp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.socialWorker;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS reminders through the HTTP gateway contract of docs/messaging.md, against a local HTTP server standing in
 * for the provider: accepted, refused, down, silent, wrong token, redirecting.
 */
class SmsGatewayTest {

    private static final String TOKEN = "jeton-passerelle-0123456789";

    /** What the stand-in received: headers and body of each request. */
    private record Received(String method, String authorization, String contentType, String idempotencyKey, JsonObject body) {
    }

    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Outbox outbox = MessagingKit.outbox();
    private HttpServer gateway;
    private volatile Answer answer;

    @BeforeEach
    void start() throws IOException {
        MessagingKit.quietOutbox();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/v1/sms", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonObject body = Jsonp.reader(in).readObject();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
                answer.answer(exchange);
            } finally {
                exchange.close();
            }
        });
        gateway.createContext("/elsewhere", exchange -> {
            received.add(new Received("REDIRECTED", exchange.getRequestHeaders().getFirst("Authorization"), null, null, null));
            reply(exchange, 200, "{\"id\":\"x\"}");
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private SmsGatewaySender sender(URI url) {
        return new SmsGatewaySender(new MessagingSettings.SmsGateway(url, TOKEN, MessagingKit.TIMEOUT, MessagingKit.TIMEOUT));
    }

    private SmsGatewaySender sender() {
        return sender(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/v1/sms"));
    }

    private static OutboxWorker worker(Sender sender) {
        return new OutboxWorker(database(), List.of(sender), MessagingKit.worker(Duration.ofMinutes(1)), "test-sms");
    }

    private long queued(String firstName, String phone) {
        long id = person(firstName, "Essai", null, phone);
        consent(id, Channel.SMS, null);
        return database().inTransaction(tx -> (QueueResult.Queued) outbox.queue(tx, MessageRequest.anyChannel(id,
                "loan-overdue", Map.of("item", "votre tablette", "machine", "Samsung Galaxy Tab A, n° PS-2026-00031",
                        "dueOn", "lundi 30 novembre 2026"), "test:" + UUID.randomUUID()))).messageId();
    }

    @Test
    void anAcceptedSmsIsSentOnceWithTheTokenAndTheMessageKey() {
        answer = exchange -> reply(exchange, 201, "{\"id\":\"sms-7f3a\",\"status\":\"queued\"}");
        long messageId = queued("Zoé", "06 12 34 56 78");
        assertEquals(1, worker(sender()).runOnce(10));

        assertEquals(1, received.size());
        Received r = received.getFirst();
        assertEquals("POST", r.method());
        assertEquals("Bearer " + TOKEN, r.authorization());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(text("SELECT uid FROM outbox WHERE id = " + messageId), r.idempotencyKey());
        assertEquals("+33612345678", r.body().getString("to"));
        assertEquals("Parc Solidaire : bonjour Zoé, le prêt de votre tablette s'est terminé le lundi 30 novembre 2026. "
                + "Merci de contacter Atelier Parc Solidaire pour le retour ou une prolongation.", r.body().getString("text"));
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.SENT, m.state());
        assertEquals("sms-7f3a", m.reference());
    }

    @Test
    void aRefusedNumberFailsWithTheGatewaysReasonWithoutTheNumber() {
        answer = exchange -> reply(exchange, 400, "{\"message\":\"Numéro +33698765432 non attribué\"}");
        long messageId = queued("Hélène", "06 98 76 54 32");
        worker(sender()).runOnce(10);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.FAILED, m.state());
        assertEquals("La passerelle SMS refuse ce SMS (HTTP 400). Réponse : « Numéro [numéro] non attribué »", m.lastError());
        assertEquals(1, received.size(), "not tried again");
        worker(sender()).runOnce(10);
        assertEquals(1, received.size());
    }

    @Test
    void aGatewayInTroubleIsTriedAgainLaterAndTheMessageShowsAsPending() {
        answer = exchange -> reply(exchange, 503, "{\"message\":\"maintenance\"}");
        long messageId = queued("Fatou", "07 11 22 33 44");
        OffsetDateTime before = OffsetDateTime.now();
        worker(sender()).runOnce(10);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.PENDING, m.state());
        assertEquals(1, m.attempts());
        assertTrue(m.nextAttemptAt().isAfter(before.plusSeconds(50)), m.nextAttemptAt().toString());
        assertEquals("Passerelle SMS indisponible pour l'instant (HTTP 503). Réponse : « maintenance » Nouvel essai prévu.",
                m.lastError());

        // The second failure waits twice as long.
        MessagingKit.app().sql("UPDATE outbox SET next_attempt_at = now() WHERE id = " + messageId);
        OffsetDateTime second = OffsetDateTime.now();
        worker(sender()).runOnce(10);
        m = outbox.get(messageId, socialWorker());
        assertEquals(2, m.attempts());
        assertTrue(m.nextAttemptAt().isAfter(second.plusSeconds(110)), m.nextAttemptAt().toString());
        assertTrue(m.nextAttemptAt().isBefore(second.plusSeconds(130)), m.nextAttemptAt().toString());

        // The gateway is back.
        answer = exchange -> reply(exchange, 200, "{}");
        MessagingKit.app().sql("UPDATE outbox SET next_attempt_at = now() WHERE id = " + messageId);
        worker(sender()).runOnce(10);
        assertEquals(MessageState.SENT, outbox.get(messageId, socialWorker()).state());
        assertEquals(3, received.size());
    }

    @Test
    void aGatewayThatIsDownIsTriedAgainLater() throws IOException {
        long messageId = queued("Jules", "06 55 44 33 22");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        worker(sender(URI.create("http://127.0.0.1:" + closedPort + "/v1/sms"))).runOnce(10);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.PENDING, m.state());
        assertTrue(m.lastError().startsWith("Passerelle SMS injoignable."), m.lastError());
        assertTrue(m.nextAttemptAt().isAfter(OffsetDateTime.now().plusSeconds(40)), m.nextAttemptAt().toString());
    }

    @Test
    void theLastAttemptGivesUp() {
        answer = exchange -> reply(exchange, 502, "");
        long messageId = queued("Rose", "06 01 02 03 04");
        MessagingKit.app().sql("UPDATE outbox SET attempts = 11 WHERE id = " + messageId);
        worker(sender()).runOnce(10);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.FAILED, m.state());
        assertEquals("Passerelle SMS indisponible pour l'instant (HTTP 502). Abandon après 12 essais.", m.lastError());
    }

    @Test
    void aGatewaySilentOnceTheSmsWasSentLeavesItUncertain() {
        answer = exchange -> {
            try {
                Thread.sleep(MessagingKit.TIMEOUT.toMillis() + 1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "{}");
        };
        long messageId = queued("Théo", "06 77 88 99 00");
        worker(sender()).runOnce(10);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.UNCERTAIN, m.state());
        assertTrue(m.lastError().contains("peut-être parti"), m.lastError());
        worker(sender()).runOnce(10);
        assertEquals(1, received.size(), "an uncertain SMS is not sent again by itself");
    }

    @Test
    void aWrongTokenOrARedirectIsTheConfigurationsFaultTriedAgainLaterAndTheTokenGoesNowhereElse() {
        answer = exchange -> reply(exchange, 401, "{\"message\":\"invalid token " + TOKEN + "\"}");
        long messageId = queued("Aline", "06 12 12 12 12");
        worker(sender()).runOnce(10);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.PENDING, m.state());
        assertEquals("La passerelle SMS refuse le jeton (HTTP 401) : vérifiez SMS_GATEWAY_TOKEN. Nouvel essai prévu.", m.lastError());
        assertFalse(text("SELECT string_agg(coalesce(detail, ''), ' ') FROM outbox_events WHERE message_id = " + messageId)
                .contains(TOKEN));

        answer = exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/elsewhere");
            reply(exchange, 307, "");
        };
        MessagingKit.app().sql("UPDATE outbox SET next_attempt_at = now() WHERE id = " + messageId);
        worker(sender()).runOnce(10);
        m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.PENDING, m.state());
        assertTrue(m.lastError().contains("SMS_GATEWAY_URL"), m.lastError());
        assertTrue(received.stream().noneMatch(r -> r.method().equals("REDIRECTED")), "the redirect was not followed");
    }
}
