package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Labelled;

/** A participant at one workshop; the code stays in the JSON API, pages show the label. */
enum AttendanceStatus implements Labelled {
    PRESENT("Présent"),
    ABSENT("Absent"),
    EXCUSED("Excusé");

    private final String label;

    AttendanceStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
