package fr.parcsolidaire.messaging;

import fr.parcsolidaire.Poll;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.Main;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.security.Role;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.loan;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reminders through the running service, as they will run: a second instance of the service on the test database
 * (the shared one has no mail server and sends nothing) whose settings name a real SMTP server (GreenMail) and a
 * local HTTP server standing in for the SMS provider. People, consents and loans are made over HTTP, the reminder
 * pass is the administrator's route, the worker is the one the service started, and what happened is read on the
 * pages, in the API, in the mailbox and in the gateway's log.
 */
class MessagingServiceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the stand-in gateway answers. */
    enum Mode { UP, DOWN, HANG }

    private static GreenMail mail;
    private static HttpServer gateway;
    private static final List<String> gatewayKeys = new CopyOnWriteArrayList<>();
    private static volatile Mode mode = Mode.UP;
    private static volatile CountDownLatch arrived = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static Server.Running instance;

    @BeforeAll
    static void startServersAndTheSendingInstance() throws IOException {
        // What other test classes left waiting in the shared database is not this test's to send.
        MessagingKit.quietOutbox();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        mail.start();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                gatewayKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                switch (mode) {
                    case UP -> reply(exchange, 200, "{\"id\":\"sms-" + gatewayKeys.size() + "\"}");
                    case DOWN -> reply(exchange, 503, "{\"message\":\"Service indisponible\"}");
                    case HANG -> {
                        arrived.countDown();
                        release.await(20, TimeUnit.SECONDS);
                        reply(exchange, 200, "{\"id\":\"trop-tard\"}");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        gateway.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        gateway.start();
        instance = startInstance();
    }

    @AfterAll
    static void stopAll() {
        if (instance != null) {
            instance.stop();
        }
        release.countDown();
        gateway.stop(0);
        mail.stop();
    }

    @BeforeEach
    void gatewayUp() {
        mode = Mode.UP;
    }

    /** The service as an operator would start it, with SMTP_HOST, MAIL_FROM and SMS_GATEWAY_URL set. */
    private static Server.Running startInstance() {
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("server.host", "127.0.0.1"),
                        Map.entry("db.connection.url", TestApp.get().jdbcUrl()),
                        Map.entry("db.connection.username", "postgres"),
                        Map.entry("db.pool-size", "6"),
                        Map.entry("smtp.host", "127.0.0.1"),
                        Map.entry("smtp.port", String.valueOf(mail.getSmtp().getPort())),
                        Map.entry("smtp.starttls", "false"),
                        Map.entry("mail.from", "rappels@parc-solidaire.test"),
                        Map.entry("sms.gateway.url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms"),
                        Map.entry("sms.gateway.token", "jeton-de-test"),
                        // Short bounds so that a silent gateway is found out in a second.
                        Map.entry("app.messaging.connect-timeout", "PT1S"),
                        Map.entry("app.messaging.read-timeout", "PT1S"),
                        Map.entry("app.messaging.worker.lease", "PT8S"),
                        Map.entry("app.messaging.worker.poll-interval", "PT0.2S"))))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        return Main.start(config);
    }

    private static String base() {
        return "http://127.0.0.1:" + instance.server().port();
    }

    private static Http admin() {
        return Http.api(Role.ADMIN).on(base());
    }

    private static Http socialWorker() {
        return Http.api(Role.SOCIAL_WORKER).on(base());
    }

    private static String email() {
        return "rappel-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
    }

    private static String mobile() {
        return String.format("07 %02d %02d %02d %02d", RANDOM.nextInt(100), RANDOM.nextInt(100), RANDOM.nextInt(100),
                RANDOM.nextInt(100));
    }

    private static void consent(long beneficiaryId, String channel, boolean given) {
        HttpResponse<String> r = socialWorker().postJson("/api/v1/beneficiaries/" + beneficiaryId + "/consents",
                Json.createObjectBuilder().add("channel", channel).add("given", given).build());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonObject runReminders() {
        HttpResponse<String> r = admin().postJson("/api/v1/reminders/run", "{}");
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            for (var to : m.getRecipients(Message.RecipientType.TO)) {
                if (to.toString().equals(address)) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    private static long messageOf(long beneficiaryId) {
        return count("SELECT id FROM outbox WHERE beneficiary_id = " + beneficiaryId);
    }

    private static String uidOf(long messageId) {
        return text("SELECT uid FROM outbox WHERE id = " + messageId);
    }

    private static long gatewayCalls(String uid) {
        return gatewayKeys.stream().filter(uid::equals).count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.until(Duration.ofSeconds(20), what, condition);
    }

    @Test
    void aLoanDueTomorrowSendsExactlyOneEmailWithTheRightFrenchTextThroughTheService() throws Exception {
        String address = email();
        long id = person("Aïcha", "Boucher", address, null);
        consent(id, "EMAIL", true);
        long assignment = loan(id, LocalDate.now().plusDays(1));
        String tag = text("SELECT m.tag FROM assignments a JOIN machines m ON m.id = a.machine_id WHERE a.id = " + assignment);

        JsonObject pass = runReminders();
        assertTrue(pass.getInt("queued") >= 1, pass.toString());
        await("the e-mail to arrive", () -> {
            try {
                return !mailTo(address).isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runReminders();
        Thread.sleep(1000);

        List<MimeMessage> received = mailTo(address);
        assertEquals(1, received.size(), "one reminder, even with the pass run twice");
        String dueOn = FrenchDates.longDate(LocalDate.now().plusDays(1));
        assertEquals("Rappel : le prêt de votre ordinateur se termine le " + dueOn, received.getFirst().getSubject());
        String body = received.getFirst().getContent().toString();
        assertTrue(body.startsWith("Bonjour Aïcha,"), body);
        assertTrue(body.contains("Lenovo ThinkPad X270, n° " + tag), body);
        assertTrue(body.contains("Merci de rapporter votre ordinateur"), body);

        JsonObject outbox = Http.json(socialWorker().get("/api/v1/outbox?beneficiaryId=" + id));
        assertEquals(1, outbox.getJsonArray("messages").size(), outbox.toString());
        JsonObject message = outbox.getJsonArray("messages").getJsonObject(0);
        assertEquals("SENT", message.getString("state"));
        assertEquals("EMAIL", message.getString("channel"));

        String page = Http.browser(Role.SOCIAL_WORKER).on(base()).get("/beneficiaries/" + id).body();
        assertTrue(page.contains("Rappels : accords et messages"), page);
        assertTrue(page.contains("<strong>envoyé</strong> · e-mail"), page);
        assertTrue(page.contains("accord donné"), page);
        assertFalse(page.contains(">SENT<") || page.contains(">EMAIL<"), "codes stay in the API");
    }

    @Test
    void withoutConsentNothingIsQueuedNorSent() throws Exception {
        String address = email();
        long id = person("Bastien", "Sansaccord", address, mobile());
        loan(id, LocalDate.now().plusDays(1));

        JsonObject pass = runReminders();
        JsonObject dueSoon = pass.getJsonArray("rules").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("rule").equals("loan-due-soon")).findFirst().orElseThrow();
        assertTrue(dueSoon.getJsonObject("notQueued").getInt("NO_CONSENT") >= 1, pass.toString());
        Thread.sleep(1000);

        assertEquals(0, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id));
        assertEquals(List.of(), mailTo(address));
        assertEquals(0, Http.json(socialWorker().get("/api/v1/outbox?beneficiaryId=" + id)).getJsonArray("messages").size());
    }

    @Test
    void theSmsGatewayDownLeavesTheMessagePendingVisiblyAndItGoesOnALaterAttempt() throws Exception {
        mode = Mode.DOWN;
        long id = person("Chloé", "Attente", null, mobile());
        consent(id, "SMS", true);
        loan(id, LocalDate.now().plusDays(1));

        runReminders();
        long messageId = messageOf(id);
        await("a first attempt", () -> count("SELECT attempts FROM outbox WHERE id = " + messageId) >= 1
                && "PENDING".equals(MessagingKit.state(messageId)));
        assertEquals(1, gatewayCalls(uidOf(messageId)));

        String page = Http.browser(Role.SOCIAL_WORKER).on(base()).get("/beneficiaries/" + id).body();
        assertTrue(page.contains("<strong>en attente</strong> · SMS"), page);
        assertTrue(page.contains("Prochain essai le"), page);
        String outboxPage = Http.browser(Role.SOCIAL_WORKER).on(base()).get("/outbox").body();
        assertTrue(outboxPage.contains("Chloé Attente"), outboxPage);
        JsonObject message = Http.json(socialWorker().get("/api/v1/outbox?beneficiaryId=" + id))
                .getJsonArray("messages").getJsonObject(0);
        assertEquals("PENDING", message.getString("state"));
        assertEquals(1, message.getInt("attempts"));
        assertTrue(message.getString("lastError").contains("Nouvel essai prévu"), message.toString());

        // The back-off's minute, gone by: the gateway is back and the next attempt sends it.
        mode = Mode.UP;
        MessagingKit.app().sql("UPDATE outbox SET next_attempt_at = now() WHERE id = " + messageId);
        await("the later attempt", () -> "SENT".equals(MessagingKit.state(messageId)));
        assertEquals(2, gatewayCalls(uidOf(messageId)), "one refused attempt, one accepted; never a third");
    }

    @Test
    void withdrawingTheConsentCancelsWhatWaitsAndThePageConfirmsIt() throws Exception {
        mode = Mode.DOWN;
        long id = person("Damien", "Retrait", null, mobile());
        consent(id, "SMS", true);
        loan(id, LocalDate.now().plusDays(1));
        runReminders();
        long messageId = messageOf(id);
        await("a first attempt", () -> count("SELECT attempts FROM outbox WHERE id = " + messageId) >= 1);

        Http browser = Http.browser(Role.SOCIAL_WORKER).on(base());
        HttpResponse<String> saved = browser.postForm("/beneficiaries/" + id + "/consents",
                Map.of("channel", "SMS", "given", "false", "effectiveOn", LocalDate.now().toString()));
        assertEquals(303, saved.statusCode(), saved.body());
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertEquals("/beneficiaries/" + id + "?saved=consent-recorded", location);
        String page = browser.get(location).body();
        assertTrue(page.contains("<p class=\"saved\" role=\"status\" tabindex=\"-1\" id=\"confirmation\">Consentement enregistré.</p>"), page);
        assertTrue(page.contains("<strong>annulé</strong> · SMS"), page);
        assertTrue(page.contains("refusé ou retiré"), page);
        assertEquals("CANCELLED", MessagingKit.state(messageId));

        mode = Mode.UP;
        MessagingKit.app().sql("UPDATE outbox SET next_attempt_at = now() WHERE id = " + messageId);
        Thread.sleep(1000);
        assertEquals(1, gatewayCalls(uidOf(messageId)), "a cancelled message does not leave");
    }

    @Test
    void aRestartOfTheServiceWhileAMessageIsBeingSentSendsNothingTwice() throws Exception {
        mode = Mode.HANG;
        arrived = new CountDownLatch(1);
        release = new CountDownLatch(1);
        long id = person("Élodie", "Redemarrage", null, mobile());
        consent(id, "SMS", true);
        loan(id, LocalDate.now().plusDays(1));
        runReminders();
        assertTrue(arrived.await(20, TimeUnit.SECONDS), "the SMS reached the gateway");
        long messageId = messageOf(id);

        // The service stops while the gateway holds the request: it cannot know whether the SMS left.
        instance.stop();
        release.countDown();
        instance = startInstance();
        mode = Mode.UP;
        Thread.sleep(1500);

        assertEquals(1, gatewayCalls(uidOf(messageId)), "never sent a second time on its own");
        assertEquals("UNCERTAIN", MessagingKit.state(messageId));
        String page = Http.browser(Role.SOCIAL_WORKER).on(base()).get("/beneficiaries/" + id).body();
        assertTrue(page.contains("envoi incertain, à vérifier"), page);
        assertTrue(page.contains("Renvoyer"), page);

        // The restarted service sends what comes next, once.
        long next = person("Farid", "Apres", null, mobile());
        consent(next, "SMS", true);
        loan(next, LocalDate.now().plusDays(1));
        runReminders();
        long nextId = messageOf(next);
        await("the next SMS", () -> "SENT".equals(MessagingKit.state(nextId)));
        assertEquals(1, gatewayCalls(uidOf(nextId)));
    }

    @Test
    void lettersArePrintedInABatchByTheSocialWorkerAndConfirmedAsPosted() throws Exception {
        long id = person("Gilberte", "Papier", null, null);
        Http browser = Http.browser(Role.SOCIAL_WORKER).on(base());
        HttpResponse<String> saved = browser.postForm("/beneficiaries/" + id + "/consents",
                Map.of("channel", "LETTER", "given", "true", "street", "4 allée des Tilleuls, bât. C"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(browser.get("/beneficiaries/" + id).body().contains("Adresse des courriers : 4 allée des Tilleuls, bât. C"));
        loan(id, LocalDate.now().plusDays(5));
        runReminders();
        long messageId = messageOf(id);
        assertEquals("LETTER", text("SELECT channel FROM outbox WHERE id = " + messageId));

        assertTrue(browser.get("/outbox").body().contains("courrier(s) en attente d'impression"));
        long site = count("SELECT site_id FROM beneficiaries WHERE id = " + id);
        HttpResponse<String> prepared = browser.postForm("/sites/" + site + "/letter-batches", Map.of());
        assertEquals(303, prepared.statusCode(), prepared.body());
        String batchPage = prepared.headers().firstValue("Location").orElseThrow();
        String batch = batchPage.substring("/letter-batches/".length(), batchPage.indexOf('?'));
        String page = browser.get(batchPage).body();
        assertTrue(page.contains("id=\"confirmation\">Lot préparé"), page);
        assertTrue(page.contains("Gilberte Papier"), page);

        HttpResponse<byte[]> pdf = browser.getBytes("/letter-batches/" + batch + "/pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        String letters = PdfText.of(pdf.body());
        assertTrue(letters.contains("Gilberte Papier"), letters);
        assertTrue(letters.contains("4 allée des Tilleuls, bât. C"), letters);

        HttpResponse<String> posted = browser.postForm("/letter-batches/" + batch + "/confirm", Map.of());
        assertEquals("/outbox?saved=letter-batch-posted", posted.headers().firstValue("Location").orElseThrow());
        assertTrue(browser.get("/outbox?saved=letter-batch-posted").body().contains("id=\"confirmation\">Envoi du lot confirmé"));
        assertEquals("SENT", MessagingKit.state(messageId));
    }

    @Test
    void aChannelWithoutItsServerIsSaidDisabledOnTheOutboxPage() {
        String unconfigured = Http.browser(Role.ADMIN).get("/outbox").body();
        assertTrue(unconfigured.contains("Envoi des e-mails désactivé"), unconfigured);
        assertTrue(unconfigured.contains("Envoi des SMS désactivé"), unconfigured);
        String configured = Http.browser(Role.ADMIN).on(base()).get("/outbox").body();
        assertFalse(configured.contains("désactivé"), configured);
        assertTrue(configured.contains("Lancer les rappels maintenant"), configured);
        assertFalse(Http.browser(Role.SOCIAL_WORKER).get("/outbox").body().contains("Lancer les rappels maintenant"));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
