package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.settings.Settings;

/**
 * Caps on urlencoded form bodies (application.yaml, {@code app.limits}): checked before a byte is parsed.
 * Most forms hold a few short fields; the few that legitimately carry more (signatures drawn on screen,
 * a donation of hundreds of machines typed row by row, a run of thousands of labels) are declared as large
 * forms by their route. No anonymous route takes a large form.
 */
public record FormLimits(long formBytes, long largeFormBytes, int fields) {

    public static FormLimits from(Settings limits) {
        return new FormLimits(limits.longInteger("form-bytes"), limits.longInteger("large-form-bytes"),
                limits.integer("form-fields"));
    }
}
