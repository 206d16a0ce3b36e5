package fr.parcsolidaire.platform.http;

import io.helidon.config.Config;

/**
 * Caps on urlencoded form bodies (application.yaml, {@code app.limits}): checked before a byte is parsed.
 * Most forms hold a few short fields; the few that legitimately carry more (signatures drawn on screen,
 * a donation of hundreds of machines typed row by row, a run of thousands of labels) are declared as large
 * forms by their route. No anonymous route takes a large form.
 */
public record FormLimits(long formBytes, long largeFormBytes, int fields) {

    public static final FormLimits DEFAULTS = new FormLimits(64 * 1024, 8 * 1024 * 1024, 5000);

    public static FormLimits from(Config limits) {
        return new FormLimits(
                limits.get("form-bytes").asLong().orElse(DEFAULTS.formBytes()),
                limits.get("large-form-bytes").asLong().orElse(DEFAULTS.largeFormBytes()),
                limits.get("form-fields").asInt().orElse(DEFAULTS.fields()));
    }
}
