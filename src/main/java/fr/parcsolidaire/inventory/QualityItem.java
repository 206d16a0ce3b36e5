package fr.parcsolidaire.inventory;

/** What the quality check before READY covers ("reconditionné": every function tested). */
enum QualityItem {
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

    public String field() {
        return field;
    }

    public String label() {
        return label;
    }
}
