package fr.parcsolidaire.platform.settings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings: values from application.yaml, typed; every mistake stops the start with one French sentence. */
class SettingsTest {

    private static Settings settings(Map<String, String> overrides, Map<String, String> environment) {
        Config config = Config.builder()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        return Settings.of(config, environment::get);
    }

    private static Settings settings(Map<String, String> overrides) {
        return settings(overrides, Map.of());
    }

    @Test
    void valuesComeTypedFromApplicationYaml() {
        Settings s = settings(Map.of());
        assertEquals(8080, s.port());
        assertFalse(s.demo());
        assertFalse(s.production());
        assertEquals(Duration.ofHours(12), s.section("app.session").duration("web-lifetime"));
        assertEquals(Period.ofMonths(24), s.section("app.gdpr").period("retention"));
        assertEquals(65536L, s.section("app.limits").longInteger("form-bytes"));
        assertEquals(new BigDecimal("2.2"), s.section("app.impact").section("types.laptop").decimal("weight-kg"));
        assertEquals(Optional.empty(), s.optionalText("app.base-url"));
        List<Settings> sites = s.list("app.sites");
        assertEquals("PS", sites.getFirst().text("tag-prefix"));
    }

    @Test
    void theShortNamesOfTheReadmeOverrideTheirKeys() {
        Settings s = settings(Map.of(), Map.of("BASE_URL", "https://parc.exemple.fr", "DEMO", "true",
                "DATABASE_URL", "jdbc:postgresql://db/parc"));
        assertEquals(Optional.of("https://parc.exemple.fr"), s.optionalText("app.base-url"));
        assertTrue(s.demo());
        assertEquals("jdbc:postgresql://db/parc", s.section("db").text("connection.url"));
        assertEquals("postgres", s.section("db").text("connection.username"), "the others keep application.yaml's value");
    }

    @Test
    void aMissingKeyIsNamedInFrench() {
        StartupRefused e = assertThrows(StartupRefused.class, () -> settings(Map.of()).section("app.labels").text("colour"));
        assertEquals("Réglage manquant : « app.labels.colour ». Donnez-lui une valeur dans application.yaml.", e.getMessage());
    }

    @Test
    void anUnreadableValueSaysWhatIsExpected() {
        Settings s = settings(Map.of("server.port", "huit mille", "app.session.web-idle", "2 heures",
                "app.security.hsts", "peut-être"));
        assertEquals("Réglage illisible : « server.port » vaut « huit mille », un nombre entier est attendu (application.yaml).",
                assertThrows(StartupRefused.class, s::port).getMessage());
        assertTrue(assertThrows(StartupRefused.class, () -> s.section("app.session").duration("web-idle")).getMessage()
                .contains("une durée ISO-8601"));
        assertTrue(assertThrows(StartupRefused.class, () -> s.flag("app.security.hsts")).getMessage().contains("true ou false"));
    }

    @Test
    void demoDataInProductionIsRefusedBeforeAnythingStarts() {
        Map<String, String> env = new HashMap<>();
        env.put("APP_MODE", "production");
        env.put("DEMO", "true");
        StartupRefused e = assertThrows(StartupRefused.class, () -> settings(Map.of(), env));
        assertEquals("Données de démonstration refusées en mode production : retirez DEMO=true (ou --demo) ou APP_MODE=production.",
                e.getMessage());
        assertEquals(0, e.getStackTrace().length, "printed as one sentence, never with a stack trace");
        assertTrue(settings(Map.of("app.mode", "production")).production());
    }
}
