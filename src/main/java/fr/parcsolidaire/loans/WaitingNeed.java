package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** What the machine should offer the person; the matching rule reads these (docs/handover.md). */
enum WaitingNeed implements Labelled {
    WEBCAM("Webcam"),
    LARGE_SCREEN("Écran de 15 pouces ou plus"),
    LIGHT("Léger à transporter"),
    ACCESSIBILITY("Grandes touches ou autre besoin d'accessibilité"),
    MOUSE_BEGINNER("Pas encore à l'aise avec la souris (choix pavé tactile ou souris)");

    private final String label;

    WaitingNeed(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
