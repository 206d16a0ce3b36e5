package fr.parcsolidaire.loans;

/** The person's situation, as social workers record it for the funders' statistics. */
enum Situation {
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

    public String label() {
        return label;
    }
}
