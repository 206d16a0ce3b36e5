package fr.parcsolidaire.messaging;

import io.helidon.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Messaging configuration, read once. The defaults live in application.yaml; the environment variables of
 * API.md override them through Helidon's mapping (SMTP_HOST is the key smtp.host, SMS_GATEWAY_URL is
 * sms.gateway.url, MAIL_FROM is mail.from). A channel without its server stays unconfigured: its messages wait,
 * visibly, instead of failing.
 */
record MessagingSettings(Smtp smtp, SmsGateway sms, Worker worker, LoanReminders loans, Structure structure) {

    /** The SMTP server; {@code host} null when none is set. */
    record Smtp(String host, int port, String user, String password, boolean starttls, String from,
                Duration connectTimeout, Duration readTimeout) {

        boolean configured() {
            return host != null && from != null;
        }

        /** Port 465 speaks TLS from the first byte (SMTPS); the others start in clear and upgrade with STARTTLS. */
        boolean implicitTls() {
            return port == 465;
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + user + ", password=***, starttls=" + starttls
                    + ", from=" + from + "]";
        }
    }

    /** The HTTP SMS gateway; {@code url} null when none is set. */
    record SmsGateway(URI url, String token, Duration connectTimeout, Duration readTimeout) {

        boolean configured() {
            return url != null;
        }

        @Override
        public String toString() {
            return "SmsGateway[url=" + url + ", token=***]";
        }
    }

    /** How the worker polls, how long a claim holds, how retries space out and when they stop. */
    record Worker(Duration pollInterval, Duration lease, Duration backoffInitial, Duration backoffMax, int maxAttempts) {
    }

    /**
     * When loan reminders go: e-mail and SMS from {@code dueSoonDays} before the due date to the day itself; a letter
     * between {@code letterDaysBefore} and {@code letterLastDaysBefore} days before (it takes days to arrive); one
     * overdue reminder from {@code overdueAfterDays} to {@code overdueUntilDays} days after.
     */
    record LoanReminders(int dueSoonDays, int letterDaysBefore, int letterLastDaysBefore, int overdueAfterDays,
                         int overdueUntilDays) {
    }

    /** Who the messages come from: the structure's name on every message, its address and town on letters. */
    record Structure(String name, String address, String city) {
    }

    static MessagingSettings from(Config config) {
        Config m = config.get("app.messaging");
        Duration connect = m.get("connect-timeout").as(Duration.class).get();
        Duration read = m.get("read-timeout").as(Duration.class).get();
        Smtp smtp = new Smtp(text(config, "smtp.host"), config.get("smtp.port").asInt().get(),
                text(config, "smtp.user"), text(config, "smtp.password"),
                config.get("smtp.starttls").asBoolean().get(), text(config, "mail.from"), connect, read);
        if (smtp.from() != null && !smtp.from().matches("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$")) {
            throw new IllegalStateException("MAIL_FROM doit être une adresse e-mail simple (par exemple rappels@exemple.fr).");
        }
        SmsGateway sms = new SmsGateway(gatewayUrl(text(config, "sms.gateway.url")), text(config, "sms.gateway.token"),
                connect, read);
        Config w = m.get("worker");
        Worker worker = new Worker(w.get("poll-interval").as(Duration.class).get(), w.get("lease").as(Duration.class).get(),
                w.get("backoff-initial").as(Duration.class).get(), w.get("backoff-max").as(Duration.class).get(),
                w.get("max-attempts").asInt().get());
        if (worker.lease().compareTo(connect.plus(read).multipliedBy(4)) < 0) {
            // A lease shorter than one send can take would turn slow sends into "uncertain" ones.
            throw new IllegalStateException("app.messaging.worker.lease doit durer au moins quatre fois "
                    + "connect-timeout + read-timeout.");
        }
        Config r = m.get("reminders.loans");
        LoanReminders loans = new LoanReminders(r.get("due-soon-days").asInt().get(), r.get("letter-days-before").asInt().get(),
                r.get("letter-last-days-before").asInt().get(), r.get("overdue-after-days").asInt().get(),
                r.get("overdue-until-days").asInt().get());
        Config s = config.get("app.structure");
        Structure structure = new Structure(s.get("name").asString().get(), text(config, "app.structure.address"),
                s.get("city").asString().orElse(""));
        return new MessagingSettings(smtp, sms, worker, loans, structure);
    }

    private static String text(Config config, String key) {
        return config.get(key).asString().asOptional().map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    /**
     * The gateway's address: HTTPS, since every request carries the token, except on this machine (a local relay
     * or the tests' stand-in).
     */
    static URI gatewayUrl(String text) {
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("SMS_GATEWAY_URL n'est pas une adresse valide.");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(uri.getHost()).orElse("");
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!(scheme.equals("https") || (scheme.equals("http") && local)) || host.isEmpty() || uri.getUserInfo() != null) {
            throw new IllegalStateException("SMS_GATEWAY_URL doit être une adresse https:// (http:// seulement vers "
                    + "localhost), sans identifiant dans l'adresse : le jeton va dans SMS_GATEWAY_TOKEN.");
        }
        return uri;
    }
}
