package fr.parcsolidaire.inventory;

import java.util.Locale;

/** Where a machine's page is, as labels and contracts print it (the base comes from web/PublicUrls). */
public final class MachineUrls {

    private MachineUrls() {
    }

    /** The machine's page under {@code base} (a base URL without a trailing slash). */
    public static String page(String base, String tag) {
        return base + "/m/" + tag;
    }

    /**
     * The URL a QR code encodes. When nothing in it is case-sensitive (scheme and host are not, tags are upper
     * case, and /M/{tag} redirects to /m/{tag}) it is written in capitals: the QR then uses the denser
     * alphanumeric mode.
     */
    public static String forQr(String base, String tag) {
        String url = page(base, tag);
        return url.matches("(?i)https?://[a-z0-9.:-]+/m/[A-Z0-9-]+") ? url.toUpperCase(Locale.ROOT) : url;
    }
}
