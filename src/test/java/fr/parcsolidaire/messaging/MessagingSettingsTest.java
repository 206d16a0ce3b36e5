package fr.parcsolidaire.messaging;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingSettingsTest {

    private static MessagingSettings settings(Map<String, String> overrides) {
        return MessagingSettings.from(Config.builder()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build());
    }

    @Test
    void withoutServersNoChannelIsConfiguredAndTheDefaultsComeFromApplicationYaml() {
        MessagingSettings s = settings(Map.of());
        assertFalse(s.smtp().configured());
        assertFalse(s.sms().configured());
        assertEquals(587, s.smtp().port());
        assertTrue(s.smtp().starttls());
        assertEquals(Duration.ofMinutes(10), s.worker().lease());
        assertEquals(12, s.worker().maxAttempts());
        assertEquals(1, s.loans().dueSoonDays());
        assertEquals("Parc Solidaire", s.structure().name());
    }

    @Test
    void anSmtpHostNeedsASenderAddressToBeUsed() {
        assertFalse(settings(Map.of("smtp.host", "smtp.exemple.fr")).smtp().configured());
        MessagingSettings s = settings(Map.of("smtp.host", "smtp.exemple.fr", "mail.from", "rappels@exemple.fr",
                "smtp.port", "465", "smtp.password", "s3cret"));
        assertTrue(s.smtp().configured());
        assertTrue(s.smtp().implicitTls());
        assertFalse(s.toString().contains("s3cret"), "settings may be logged: " + s);
        assertThrows(IllegalStateException.class, () -> settings(Map.of("mail.from", "Parc <rappels@exemple.fr>")));
    }

    @Test
    void theTokenOnlyTravelsOverHttpsOrToThisMachine() {
        assertTrue(settings(Map.of("sms.gateway.url", "https://sms.exemple.fr/v1/messages")).sms().configured());
        assertTrue(settings(Map.of("sms.gateway.url", "http://127.0.0.1:8099/sms")).sms().configured());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings(Map.of("sms.gateway.url", "http://sms.exemple.fr/v1/messages")));
        assertTrue(e.getMessage().contains("https://"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> settings(Map.of("sms.gateway.url", "https://user:pw@sms.exemple.fr/")));
        assertThrows(IllegalStateException.class, () -> settings(Map.of("sms.gateway.url", "ftp://sms.exemple.fr/")));
        assertFalse(settings(Map.of("sms.gateway.url", "https://sms.exemple.fr/", "sms.gateway.token", "tok-123"))
                .toString().contains("tok-123"));
    }

    @Test
    void aLeaseShorterThanASendCanTakeIsRefused() {
        assertThrows(IllegalStateException.class, () -> settings(Map.of("app.messaging.worker.lease", "PT30S")));
    }
}
