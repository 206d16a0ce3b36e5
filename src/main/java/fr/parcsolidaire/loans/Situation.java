package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** The person's situation, as social workers record it for the funders' statistics. */
enum Situation implements Labelled {
    JOB_SEEKER("Demandeur d'emploi"),
    RSA("Bénéficiaire du RSA"),
    RETIRED("Retraité"),
    STUDENT("Étudiant"),
    EMPLOYED("Salarié"),
    OTHER("Autre");

    private final String label;

    Situation(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
