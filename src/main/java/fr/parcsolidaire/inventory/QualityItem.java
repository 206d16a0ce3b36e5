package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

/** What the quality check before READY covers ("reconditionné": every function tested). */
enum QualityItem implements Labelled {
    BOOTS("boots", "Démarrage"),
    KEYBOARD("keyboard", "Clavier"),
    SCREEN("screen", "Écran"),
    WIFI("wifi", "Wi-Fi"),
    SOUND("sound", "Son"),
    WEBCAM("webcam", "Webcam"),
    BATTERY("battery", "Batterie"),
    PORTS("ports", "Ports (USB, vidéo, alimentation)");

    private final String field;
    private final String label;

    QualityItem(String field, String label) {
        this.field = field;
        this.label = label;
    }

    /** The French name of a quality-check field as journaled ("webcam" → "Webcam"). */
    static String labelOf(String field) {
        for (QualityItem item : values()) {
            if (item.field.equals(field)) {
                return item.label;
            }
        }
        return field;
    }

    public String field() {
        return field;
    }

    @Override
    public String label() {
        return label;
    }
}
