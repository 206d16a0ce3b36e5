package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.Labelled;

/** A drive's final status as nwipe reports it in its "Drive Status" table or on its PDF certificate. */
enum WipeStatus implements Labelled {
    ERASED("Effacé"),
    FAILED("Échec"),
    ABORTED("Interrompu"),
    UNKNOWN("Statut final absent (journal incomplet)");

    private final String label;

    WipeStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** nwipe's eight-character status cell ("Erased", "-FAILED-", "UABORTED", "INSANITY") or the PDF's word. */
    static WipeStatus of(String cell) {
        String s = cell == null ? "" : cell.strip().toUpperCase(java.util.Locale.ROOT);
        if (s.equals("ERASED")) {
            return ERASED;
        }
        if (s.contains("FAIL")) {
            return FAILED;
        }
        if (s.contains("ABORT")) {
            return ABORTED;
        }
        return UNKNOWN;
    }
}
