package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.http.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * SMS through an HTTP gateway (docs/messaging.md gives the contract): {@code POST {"to": "+33612345678",
 * "text": "…"}} as JSON with {@code Authorization: Bearer <token>} and {@code Idempotency-Key: <message uid>}.
 * 2xx: accepted. 408, 425, 429, 5xx, no connection, and 3xx, 401, 403 (the configuration's fault, not the
 * message's): not accepted, tried again later. Any other 4xx: refused for good. No answer once the request was on
 * its way: uncertain.
 */
final class SmsGatewaySender implements Sender {

    /** More than any gateway's answer needs; the rest is not read. */
    private static final int MAX_ANSWER = 4096;

    private final MessagingSettings.SmsGateway settings;
    private final HttpClient client;

    SmsGatewaySender(MessagingSettings.SmsGateway settings) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("SMS gateway not configured");
        }
        this.settings = settings;
        // Never follow a redirect: the token would go along to wherever it points.
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Delivery send(Envelope envelope) {
        String body = Jsonp.objectBuilder().add("to", envelope.recipient()).add("text", envelope.body()).build().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header("Idempotency-Key", envelope.uid().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER);
            }
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            return new Delivery.RetryLater(ErrorText.of("Passerelle SMS injoignable.", e.getMessage(), secrets()));
        } catch (HttpTimeoutException e) {
            return new Delivery.Uncertain("La passerelle SMS n'a pas répondu à temps : le SMS est peut-être parti.");
        } catch (IOException e) {
            return new Delivery.Uncertain(ErrorText.of("La connexion à la passerelle SMS s'est interrompue pendant l'envoi : "
                    + "le SMS est peut-être parti.", e.getMessage(), secrets()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Uncertain("Envoi interrompu (arrêt du service) : le SMS est peut-être parti.");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivery.Sent(reference(field(answer, "id")));
        }
        String said = field(answer, "message");
        if (status >= 300 && status < 400) {
            return new Delivery.RetryLater("La passerelle SMS renvoie vers une autre adresse (HTTP " + status
                    + "), qui n'est pas suivie : vérifiez SMS_GATEWAY_URL.");
        }
        if (status == 401 || status == 403) {
            return new Delivery.RetryLater("La passerelle SMS refuse le jeton (HTTP " + status + ") : vérifiez SMS_GATEWAY_TOKEN.");
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new Delivery.RetryLater(ErrorText.of("Passerelle SMS indisponible pour l'instant (HTTP " + status + ").",
                    said, secrets()));
        }
        return new Delivery.Refused(ErrorText.of("La passerelle SMS refuse ce SMS (HTTP " + status + ").", said, secrets()));
    }

    /** A text field of the gateway's JSON answer, or null. */
    private static String field(byte[] answer, String name) {
        try (JsonReader reader = Jsonp.reader(new ByteArrayInputStream(answer))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject o && o.get(name) instanceof JsonString s) {
                return s.getString();
            }
        } catch (JsonException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            // Not JSON (or cut at MAX_ANSWER): the status says enough.
        }
        return null;
    }

    /** The gateway's id for the message, if it looks like one. */
    private static String reference(String id) {
        return id != null && id.matches("^[A-Za-z0-9._:-]{1,100}$") ? id : null;
    }

    private List<String> secrets() {
        return Arrays.asList(settings.token());
    }
}
