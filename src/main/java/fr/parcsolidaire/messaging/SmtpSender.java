package fr.parcsolidaire.messaging;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * E-mail through the configured SMTP server (Jakarta Mail, Eclipse Angus). One connection per message: reminders
 * are few, and a fresh connection makes the line between "not sent" and "maybe sent" easy to draw. Whatever fails
 * before the message is handed over (connection, TLS, login) is retried later; a refusal with a 5xx code is final;
 * a connection lost while handing it over is uncertain.
 */
final class SmtpSender implements Sender {

    private final MessagingSettings.Smtp settings;
    private final String fromName;
    private final Session session;
    private final String protocol;

    SmtpSender(MessagingSettings.Smtp settings, String fromName) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("SMTP not configured");
        }
        this.settings = settings;
        this.fromName = fromName;
        this.protocol = settings.implicitTls() ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", settings.host());
        props.put(p + "port", Integer.toString(settings.port()));
        props.put(p + "auth", Boolean.toString(settings.user() != null));
        props.put(p + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        props.put(p + "timeout", Long.toString(settings.readTimeout().toMillis()));
        props.put(p + "writetimeout", Long.toString(settings.readTimeout().toMillis()));
        if (settings.implicitTls()) {
            props.put(p + "ssl.checkserveridentity", "true");
        } else if (settings.starttls()) {
            // Required, not merely enabled: a server (or someone in between) that hides STARTTLS must not get the
            // password and the messages in clear.
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
            props.put(p + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Delivery send(Envelope envelope) {
        MimeMessage message;
        try {
            message = message(envelope);
        } catch (AddressException e) {
            return new Delivery.Refused("Adresse e-mail du destinataire invalide.");
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new Delivery.Refused(ErrorText.of("Message impossible à composer.", e.getMessage(), secrets()));
        }
        Transport transport;
        try {
            transport = session.getTransport(protocol);
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
        } catch (AuthenticationFailedException e) {
            // The server's words are left out: some repeat what they were sent.
            return new Delivery.RetryLater("Le serveur de messagerie refuse l'identification : vérifiez SMTP_USER et SMTP_PASSWORD.");
        } catch (MessagingException e) {
            return new Delivery.RetryLater(ErrorText.of("Serveur de messagerie injoignable.", rootMessage(e), secrets()));
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
            return new Delivery.Sent(message.getMessageID());
        } catch (MessagingException e) {
            return refusalOrUncertain(e);
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The message was handed over or not before QUIT: a failing goodbye changes neither.
            }
        }
    }

    private MimeMessage message(Envelope envelope) throws MessagingException, UnsupportedEncodingException {
        String domain = settings.from().substring(settings.from().indexOf('@') + 1);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // One id per outbox message, the same at every attempt: a copy that did arrive twice can be told apart.
                setHeader("Message-ID", "<" + envelope.uid() + "@" + domain + ">");
            }
        };
        message.setFrom(new InternetAddress(settings.from(), fromName, StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(envelope.recipient(), true));
        message.setSubject(envelope.subject(), StandardCharsets.UTF_8.name());
        message.setText(envelope.body(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        // RFC 3834: an automatic message; well-behaved auto-responders do not answer it.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        return message;
    }

    /** A server's answer with a code is a sure refusal (4xx: for now, 5xx: for good); anything else is uncertain. */
    private Delivery refusalOrUncertain(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = switch (x) {
                case SMTPAddressFailedException a -> a.getReturnCode();
                case SMTPSenderFailedException s -> s.getReturnCode();
                case SMTPSendFailedException s -> s.getReturnCode();
                default -> 0;
            };
            if (code >= 400 && code < 500) {
                return new Delivery.RetryLater(ErrorText.of("Le serveur de messagerie refuse le message pour l'instant (code "
                        + code + ").", x.getMessage(), secrets()));
            }
            if (code >= 500) {
                String what = x instanceof SMTPAddressFailedException ? "l'adresse du destinataire" : "le message";
                return new Delivery.Refused(ErrorText.of("Le serveur de messagerie refuse " + what + " (code " + code + ").",
                        x.getMessage(), secrets()));
            }
        }
        return new Delivery.Uncertain(ErrorText.of("La connexion au serveur de messagerie s'est interrompue pendant l'envoi : "
                + "le message est peut-être parti.", rootMessage(e), secrets()));
    }

    private List<String> secrets() {
        return Arrays.asList(settings.password(), settings.user());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
