package fr.parcsolidaire.platform.settings;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration, read once at start-up into typed values by the part of the service that owns each section.
 * Every key has its value in application.yaml, where its meaning is explained; the code holds no default of its own.
 * Each key can be overridden the Helidon way (an environment variable such as {@code APP_SCAN_DASH_CACHE_MAX_DASH_MIB},
 * or a system property), and the few variables the README documents under their short names ({@code BASE_URL},
 * {@code DEMO}, {@code APP_MODE}, {@code DATABASE_URL}...) are honoured here. A key that is missing or cannot be
 * read stops the start with one French sentence ({@link StartupRefused}).
 */
public final class Settings {

    /** Environment variables the README documents, and the key each stands for. */
    private static final Map<String, String> SHORT_NAMES = Map.of(
            "app.base-url", "BASE_URL",
            "app.demo", "DEMO",
            "app.mode", "APP_MODE",
            "db.connection.url", "DATABASE_URL",
            "db.connection.username", "DATABASE_USER",
            "db.connection.password", "DATABASE_PASSWORD");

    private final Config root;
    private final Config config;
    private final Function<String, String> environment;

    private Settings(Config root, Config config, Function<String, String> environment) {
        this.root = root;
        this.config = config;
        this.environment = environment;
    }

    /**
     * The service's settings. Refuses demo data in production here, before anything starts: the one
     * contradiction two settings can hold.
     */
    public static Settings of(Config config) {
        return of(config, System::getenv);
    }

    /** With the environment variables {@code environment} gives (tests). */
    static Settings of(Config config, Function<String, String> environment) {
        Settings settings = new Settings(config, config, environment);
        if (settings.demo() && settings.production()) {
            throw new StartupRefused("Données de démonstration refusées en mode production : "
                    + "retirez DEMO=true (ou --demo) ou APP_MODE=production.");
        }
        return settings;
    }

    /** The settings under {@code key} ("app.labels"), read with keys relative to it ("owner"). */
    public Settings section(String key) {
        return new Settings(root, node(key), environment);
    }

    /** The raw node, for a library that reads its own section (Helidon's web server reads "server"). */
    public Config raw(String key) {
        return node(key);
    }

    /** {@code app.mode: production} refuses demo data. */
    public boolean production() {
        return "production".equalsIgnoreCase(root().text("app.mode"));
    }

    /** {@code app.demo}, or {@code ./parc start --demo}: demo users and data at start-up. */
    public boolean demo() {
        return root().flag("app.demo");
    }

    /** The HTTP port the configuration asks for (0: any free port). */
    public int port() {
        return root().integer("server.port");
    }

    public String text(String key) {
        String full = fullKey(key);
        String shortName = SHORT_NAMES.get(full);
        if (shortName != null) {
            String value = environment.apply(shortName);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return node(key).asString().orElseThrow(() -> missing(full));
    }

    /** A text where empty means "not set" (application.yaml writes such keys as ""). */
    public Optional<String> optionalText(String key) {
        String value = text(key);
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public int integer(String key) {
        return parse(key, "un nombre entier", Integer::valueOf);
    }

    public long longInteger(String key) {
        return parse(key, "un nombre entier", Long::valueOf);
    }

    public BigDecimal decimal(String key) {
        return parse(key, "un nombre", BigDecimal::new);
    }

    public boolean flag(String key) {
        return parse(key, "true ou false", value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        });
    }

    /** An ISO-8601 duration: PT2S, PT15M, PT12H. */
    public Duration duration(String key) {
        return parse(key, "une durée ISO-8601 (PT15M, PT12H…)", Duration::parse);
    }

    /** An ISO-8601 period: P24M, P30D. */
    public Period period(String key) {
        return parse(key, "une période ISO-8601 (P24M, P30D…)", Period::parse);
    }

    /** The items of a list ("app.sites"), each read like a section. */
    public List<Settings> list(String key) {
        List<Config> nodes = node(key).asNodeList().orElseThrow(() -> missing(fullKey(key)));
        List<Settings> items = new ArrayList<>(nodes.size());
        nodes.forEach(n -> items.add(new Settings(root, n, environment)));
        return items;
    }

    private <T> T parse(String key, String expected, Function<String, T> parser) {
        String value = text(key);
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new StartupRefused("Réglage illisible : « " + fullKey(key) + " » vaut « " + value + " », "
                    + expected + " est attendu (application.yaml).");
        }
    }

    private Config node(String key) {
        try {
            return config.get(key);
        } catch (ConfigException e) {
            throw missing(fullKey(key));
        }
    }

    private Settings root() {
        return new Settings(root, root, environment);
    }

    private String fullKey(String key) {
        String prefix = config.key().toString();
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static StartupRefused missing(String key) {
        return new StartupRefused("Réglage manquant : « " + key + " ». Donnez-lui une valeur dans application.yaml.");
    }
}
